"""Forecast accuracy formulas over lists of numbers.

The same formulas are used by the SQL aggregation of ``boh.forecast.accuracy``
(sums of absolute errors, errors, actuals and naive errors per group), so a
pivot cell shows exactly what these functions return for its rows.

* WAPE = sum |forecast - actual| / sum actual
* bias = sum (forecast - actual) / sum actual (> 0: over-forecast)
* MASE = mean |forecast - actual| / mean |actual - actual one season before|,
  the scale being the error of the seasonal naive forecast (same weekday of
  the previous week) over the same days.

A ratio with a zero denominator is ``None`` (undefined), never 0.
"""


def _pairs(actual, forecast):
    if len(actual) != len(forecast):
        raise ValueError("actual and forecast must have the same length")
    return [
        (float(a), float(f))
        for a, f in zip(actual, forecast)
        if a is not None and f is not None
    ]


def wape(actual, forecast):
    pairs = _pairs(actual, forecast)
    total = sum(a for a, _f in pairs)
    if total <= 0:
        return None
    return sum(abs(f - a) for a, f in pairs) / total


def bias(actual, forecast):
    pairs = _pairs(actual, forecast)
    total = sum(a for a, _f in pairs)
    if total <= 0:
        return None
    return sum(f - a for a, f in pairs) / total


def naive_errors(actual, season=7):
    """|y[t] - y[t - season]| for each t (None for the first ``season`` points)."""
    return [
        abs(float(actual[t]) - float(actual[t - season])) if t >= season else None
        for t in range(len(actual))
    ]


def mase(actual, forecast, naive):
    """MAE of the forecast over MAE of the naive forecast on the same points."""
    rows = [
        (float(a), float(f), float(n))
        for a, f, n in zip(actual, forecast, naive)
        if a is not None and f is not None and n is not None
    ]
    scale = sum(n for _a, _f, n in rows)
    if not rows or scale <= 0:
        return None
    return sum(abs(f - a) for a, f, _n in rows) / scale


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
