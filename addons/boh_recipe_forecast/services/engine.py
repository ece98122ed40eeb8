"""This addon's only calls into ``boh_engine``: the backtest of the sources.

The history is framed by boh_forecast's adapter exactly as a forecast run
frames it, backtested by the engine's public ``backtest`` (rolling origins,
the same model choice as the run) and scored with ``boh_engine.metrics`` (the
one definition of WAPE and coverage in BOH).
"""

import math

import numpy as np

from odoo.addons.boh_forecast.services import engine as forecast_engine

from ..lib import explosion

try:
    import boh_engine
    from boh_engine import metrics
except ImportError:  # pragma: no cover - boh_forecast declares the dependency
    boh_engine = metrics = None

InputError = forecast_engine.InputError
BACKTEST_HORIZON = 7
"""Days of each backtest window (one week: the span of a store's orders)."""


def _num(value):
    value = float(value)
    return None if math.isnan(value) else value


def backtest_sources(
    history, origin, dishes, ingredients, w, weeks, candidates=None, method="auto"
):
    """WAPE and P10-P90 coverage of every source of every ingredient.

    ``history``: the store's demand (``forecast_store``'s format) of
    ``dishes`` and ``ingredients``; ``w`` (n_dish, n_ing) the recipe weights.
    The engine backtests every series from the last ``weeks`` weekly origins
    before ``origin``; the dish forecasts are exploded by
    :func:`..lib.explosion.explode` and compared, like the ingredients' own
    forecasts, with the actual usage: ``w.T @ dish sales + own demand``.

    Returns ``{ingredient: {"wape": {source: v}, "coverage": {source: v}}}``
    (``None`` for a source the ingredient has not, or a ratio without
    usage).  Raises :class:`InputError` when the history is too short.
    """
    if boh_engine is None:
        raise forecast_engine.EngineError(
            "The boh_engine Python package is not installed."
        )
    frame = forecast_engine._frame(history, origin)
    panel = forecast_engine.engine_data.build_panel(
        forecast_engine.engine_data.validate(frame), "D"
    )
    _summary, details = boh_engine.backtest(
        panel,
        BACKTEST_HORIZON,
        int(weeks),
        [method],
        candidates=tuple(candidates or forecast_engine.DEFAULT_CANDIDATES),
        workers=1,
        backend="inline",
    )
    res = details[method]
    row = {int(item): k for k, item in enumerate(panel.item)}
    width = res["actual"].shape[1]

    def block(key, ids):
        out = np.zeros((len(ids), width))
        for i, item in enumerate(ids):
            k = row.get(int(item))
            if k is not None:
                out[i] = res[key][k]
        return np.nan_to_num(out)

    w = np.asarray(w, float)
    recipe = explosion.explode(
        w,
        block("forecast", dishes),
        block("p10", dishes),
        block("p50", dishes),
        block("p90", dishes),
    )
    usage = w.T @ block("actual", dishes)
    own = {key: block(key, ingredients) for key in ("actual", "forecast", "p10", "p90")}
    own["p50"] = block("p50", ingredients)
    out = {}
    for j, ing in enumerate(ingredients):
        actual = usage[j] + own["actual"][j]
        bands = {"recipe": (recipe["qty"][j], recipe["p10"][j], recipe["p90"][j])}
        if int(ing) in row:
            both = explosion.add_own(
                {k: v[j] for k, v in recipe.items()},
                own["forecast"][j],
                own["p10"][j],
                own["p50"][j],
                own["p90"][j],
            )
            bands["history"] = (own["forecast"][j], own["p10"][j], own["p90"][j])
            bands["recipe_history"] = (both["qty"], both["p10"], both["p90"])
        out[int(ing)] = {
            "wape": {s: _num(metrics.wape(actual, b[0])) for s, b in bands.items()},
            "coverage": {
                s: _num(metrics.coverage(actual, b[1], b[2])) for s, b in bands.items()
            },
        }
    return out
