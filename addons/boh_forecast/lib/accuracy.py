"""Forecast accuracy formulas over lists of numbers.

WAPE, bias and MASE are defined once, in ``boh_engine.metrics`` (its docstring
gives the definitions); these wrappers take lists (``None`` = unknown) and
return ``None`` for an undefined ratio, as the reports expect. The SQL
aggregation of ``boh.forecast.accuracy`` adds up the same sums per group
(absolute errors, errors, actuals and seasonal naive errors), so a pivot cell
shows exactly what these functions return for its rows, and the engine's
benchmarks report the same figures:

* WAPE = sum |forecast - actual| / sum actual
* bias = sum (forecast - actual) / sum actual (> 0: over-forecast)
* MASE = sum |forecast - actual| / sum |actual - actual one season before|
  over the same days (season: 7 days, same weekday of the week before).
"""

import math

from boh_engine import metrics


def _none_if_nan(value):
    return None if value is None or math.isnan(value) else value


def _lists(*values):
    if len({len(v) for v in values}) > 1:
        raise ValueError("the lists must have the same length")
    return [list(v) for v in values]


def wape(actual, forecast):
    return _none_if_nan(metrics.wape(*_lists(actual, forecast)))


def bias(actual, forecast):
    return _none_if_nan(metrics.bias(*_lists(actual, forecast)))


def naive_errors(actual, season=7):
    """|y[t] - y[t - season]| for each t (None for the first ``season`` points)."""
    return [_none_if_nan(float(v)) for v in metrics.naive_errors(list(actual), season)]


def mase(actual, forecast, naive):
    """MAE of the forecast over MAE of the naive forecast on the same points."""
    return _none_if_nan(metrics.mase(*_lists(actual, forecast, naive)))


def override_value_added(actual, need, suggested, ordered):
    """Value added by overriding suggestions, over a group of order lines.

    ``actual``: demand over each line's coverage; ``need``: the quantity that
    would have covered it exactly (actual minus on hand and on order, never
    below zero); ``suggested`` and ``ordered``: the two quantities. Returns a
    dict: ``suggested_error`` and ``ordered_error`` (sums of absolute errors
    against the need), ``value_added`` (their difference: > 0 when the
    overrides did better), and the three as shares of the actual demand
    (``None`` when the group sold nothing).
    """
    if not len(actual) == len(need) == len(suggested) == len(ordered):
        raise ValueError("actual, need, suggested and ordered must have one length")
    sug = sum(abs(float(s) - float(n)) for s, n in zip(suggested, need))
    ordd = sum(abs(float(o) - float(n)) for o, n in zip(ordered, need))
    total = sum(float(a) for a in actual)
    share = (lambda v: v / total) if total > 0 else (lambda v: None)
    return {
        "suggested_error": sug,
        "ordered_error": ordd,
        "value_added": sug - ordd,
        "suggested_wape": share(sug),
        "ordered_wape": share(ordd),
        "value_added_pct": share(sug - ordd),
    }
