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
