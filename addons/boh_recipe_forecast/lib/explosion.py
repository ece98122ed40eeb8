"""Ingredient forecasts from dish forecasts (pure numpy, no Odoo, no engine).

A dish's forecast is read as a normal distribution: its spread from its
P10-P90 band, sigma = (P90 - P10) / (2 * z(0.9)) = (P90 - P10) / 2.563.  An
ingredient's need is the weighted sum of the dishes that use it (weight: the
ingredient quantity one dish takes, from the recipe matrix):

* mean  = sum_d w_d * mean_d (exact: expectations add up),
* P50   = sum_d w_d * P50_d,
* sigma = sqrt(sum_d (w_d * sigma_d)^2) (dishes taken as independent),
* P10 / P90 = P50 -/+ z(0.9) * sigma, floored at 0.

Independence understates the spread when the dishes of a store rise and fall
together (busy days lift every dish); the coverage of the P10-P90 band over
the backtest windows is recorded with each choice, so an interval that is too
narrow shows up there.
"""

import numpy as np

Z90 = 1.2815515655446004
"""Quantile 0.9 of the standard normal: P90 = P50 + Z90 * sigma."""
SPAN = 2.0 * Z90
"""Width of the P10-P90 band of a normal, in sigmas (2.563)."""


def weights(matrix, dishes, ingredients):
    """Dense (dishes x ingredients) weight array of a recipe matrix.

    ``matrix``: ``{dish id: {ingredient id: qty}}``; ``dishes`` and
    ``ingredients`` give the row and column order.
    """
    col = {ing: j for j, ing in enumerate(ingredients)}
    out = np.zeros((len(dishes), len(ingredients)))
    for i, dish in enumerate(dishes):
        for ing, qty in matrix.get(dish, {}).items():
            j = col.get(ing)
            if j is not None:
                out[i, j] = qty
    return out


def sigma(p10, p90):
    """Standard deviation of a forecast read from its P10-P90 band."""
    return np.maximum(np.asarray(p90, float) - np.asarray(p10, float), 0.0) / SPAN


def explode(w, qty, p10, p50, p90):
    """Ingredient forecasts (n_ing, h) from dish forecasts (n_dish, h).

    ``w``: (n_dish, n_ing) weights.  Returns a dict ``qty``, ``p10``,
    ``p50``, ``p90`` and ``sigma`` (see the module docstring).
    """
    wt = np.asarray(w, float).T
    mid = wt @ np.asarray(p50, float)
    sd = np.sqrt((wt * wt) @ sigma(p10, p90) ** 2)
    return {
        "qty": wt @ np.asarray(qty, float),
        "p50": mid,
        "sigma": sd,
        "p10": np.maximum(mid - Z90 * sd, 0.0),
        "p90": np.maximum(mid + Z90 * sd, 0.0),
    }


def add_own(recipe, qty, p10, p50, p90):
    """The recipe forecast plus the ingredient's own (direct) forecast.

    The two parts are added like two more independent terms: means and
    medians add up, sigmas add in quadrature.
    """
    mid = recipe["p50"] + np.asarray(p50, float)
    sd = np.sqrt(recipe["sigma"] ** 2 + sigma(p10, p90) ** 2)
    return {
        "qty": recipe["qty"] + np.asarray(qty, float),
        "p50": mid,
        "sigma": sd,
        "p10": np.maximum(mid - Z90 * sd, 0.0),
        "p90": np.maximum(mid + Z90 * sd, 0.0),
    }


def shares(w_column, dish_totals, total):
    """Share of ``total`` of each dish: ``w * dish total / total`` (0 if none)."""
    contrib = np.asarray(w_column, float) * np.asarray(dish_totals, float)
    return contrib / total if total > 0 else np.zeros(len(contrib))
