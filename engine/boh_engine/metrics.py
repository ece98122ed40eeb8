"""Accuracy metrics: the one definition of WAPE, bias and MASE in BOH.

Every function takes arrays of any shape (one series, or (series, period)
panels; lists are accepted) and ignores the points where a value is missing
(NaN, or ``None`` in a list). The benchmarks, the backtest and the Odoo
accuracy reports (``boh_forecast``, whose pivots aggregate the same sums in
SQL) all use these functions, so a figure means the same everywhere.

Over the set of evaluated points (every series and period of a group):

* **WAPE** = sum |F - A| / sum A.
* **bias** = sum (F - A) / sum A (> 0: over-forecast).
* **MASE** = sum |F - A| / sum |A - A_-m|, where ``A_-m`` is the actual of the
  same series one season (``m`` periods) earlier: the forecast's absolute error
  scaled by the absolute error the seasonal naive forecast ("same as one season
  before") made on the same points. Seasons: m = 7 for daily data (same weekday
  of the week before), m = 1 for weekly data. A group's MASE is the ratio of
  its sums (not the mean of per-series ratios), so it can be aggregated over
  any grouping (store, product, horizon) by adding the two sums. Points whose
  naive error is unknown (no actual one season before) are left out of both
  sums. Below 1: better than the seasonal naive on those points.

A ratio with a zero denominator is undefined: NaN here (``None`` in Odoo).
"""

from __future__ import annotations

import numpy as np

SEASON = {"D": 7, "W": 1}
"""Season ``m`` of the MASE scale by frequency."""


def _arrays(*values) -> list[np.ndarray]:
    out = []
    for v in values:
        a = np.asarray(v, dtype=object if isinstance(v, list | tuple) else None)
        if a.dtype == object:
            a = np.array([np.nan if x is None else x for x in a.ravel()], dtype=float)
            a = a.reshape(np.shape(v))
        out.append(a.astype(np.float64))
    shapes = {a.shape for a in out}
    if len(shapes) > 1:
        raise ValueError(f"arrays of different shapes: {sorted(shapes)}")
    return out


def _valid(*arrays: np.ndarray) -> np.ndarray:
    ok = np.ones(arrays[0].shape, dtype=bool)
    for a in arrays:
        ok &= ~np.isnan(a)
    return ok


def _ratio(num: float, den: float) -> float:
    return float(num / den) if den > 0 else np.nan


def wape(actual, forecast) -> float:
    """Sum of absolute errors over sum of actuals (see module docstring)."""
    a, f = _arrays(actual, forecast)
    ok = _valid(a, f)
    return _ratio(np.sum(np.abs(f[ok] - a[ok])), np.sum(a[ok]))


def bias(actual, forecast) -> float:
    """Sum of (forecast - actual) over sum of actuals: > 0 means over-forecast."""
    a, f = _arrays(actual, forecast)
    ok = _valid(a, f)
    return _ratio(np.sum(f[ok] - a[ok]), np.sum(a[ok]))


def naive_errors(actual, season: int) -> np.ndarray:
    """|A_t - A_(t-season)| along the last axis (NaN for the first ``season``)."""
    (a,) = _arrays(actual)
    out = np.full(a.shape, np.nan)
    if a.shape[-1] > season:
        out[..., season:] = np.abs(a[..., season:] - a[..., :-season])
    return out


def mase(actual, forecast, naive) -> float:
    """Sum |F - A| over the sum of the seasonal naive errors on the same points.

    ``naive`` holds |A_t - A_(t-m)| for every point (:func:`naive_errors`);
    points where any of the three is missing are left out.
    """
    a, f, n = _arrays(actual, forecast, naive)
    ok = _valid(a, f, n)
    return _ratio(np.sum(np.abs(f[ok] - a[ok])), np.sum(n[ok]))


def coverage(actual, low, high) -> float:
    """Share of actuals inside [low, high]."""
    a, lo, hi = _arrays(actual, low, high)
    ok = _valid(a, lo, hi)
    inside = (a >= lo) & (a <= hi)
    return float(inside[ok].mean()) if ok.any() else np.nan


def exceedance(actual, quantile) -> float:
    """Share of actuals strictly above the quantile forecast."""
    a, q = _arrays(actual, quantile)
    ok = _valid(a, q)
    return float((a > q)[ok].mean()) if ok.any() else np.nan


def shortfall(actual, quantile) -> float:
    """Share of actuals strictly below the quantile forecast."""
    a, q = _arrays(actual, quantile)
    ok = _valid(a, q)
    return float((a < q)[ok].mean()) if ok.any() else np.nan
