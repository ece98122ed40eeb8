"""Which forecast an ingredient's orders use (pure Python).

Sources:

* ``history``: the ingredient's own forecast, from its own demand rows (what
  was sold or consumed of it directly; the stock moves of POS orders, which
  hold what the dishes used, are not in them);
* ``recipe``: the forecasts of the dishes exploded through their recipes;
* ``recipe_history``: both added up (an ingredient also sold or used on its
  own).

Each is scored by its WAPE over the backtest windows against the actual usage
(what the dishes sold took by their recipes, plus the ingredient's own demand
rows); the lowest WAPE wins.  Ties go to the simpler source, in the order
above.
"""

import math

SOURCES = ("history", "recipe", "recipe_history")


def _ok(value):
    return value is not None and not math.isnan(value)


def choose(wapes, has_own):
    """``(source, reason)`` from ``{source: WAPE or None}``.

    Reasons: ``backtest`` (lowest WAPE), ``no_history`` (no own forecast: the
    recipes are the only source), ``no_usage`` (no usage in the backtest
    windows: nothing to compare, the own forecast is kept), ``no_backtest``
    (history too short for the backtest: the own forecast is kept).
    """
    if not has_own:
        return "recipe", "no_history"
    if wapes is None:
        return "history", "no_backtest"
    scored = [(wapes[s], k, s) for k, s in enumerate(SOURCES) if _ok(wapes.get(s))]
    if not scored:
        return "history", "no_usage"
    return min(scored)[2], "backtest"
