"""Rolling-origin backtest of one or several forecasting methods.

Origins are the last ``origins`` multiples of ``horizon`` before the end of the
history (non-overlapping windows). Each method forecasts every series from each
origin using only the history before it (drivers such as promotions are taken
as known in advance, as a promotion plan is). Reported per method: WAPE, MASE,
bias (as defined in :mod:`boh_engine.metrics`: MASE scales the errors by the
seasonal naive's errors on the same points, lag 7 for daily data, lag 1 for
weekly), P10-P90 coverage, shares of actuals above P90 and below P10, seconds
and series/s.
"""

from __future__ import annotations

import time

import numpy as np
import pandas as pd

from . import metrics
from .data import Panel
from .engine import forecast_panel
from .errors import InputError


def origins_for(n_periods: int, horizon: int, origins: int) -> list[int]:
    """Origin indices, oldest first; InputError when the history is too short."""
    if horizon < 1 or origins < 1:
        raise InputError("horizon and origins must be positive", column="origins")
    first = n_periods - origins * horizon
    if first < 2 * horizon:
        raise InputError(
            f"history of {n_periods} periods too short for {origins} origins of "
            f"horizon {horizon}",
            column="origins",
        )
    return [first + j * horizon for j in range(origins)]


def backtest(
    panel: Panel,
    horizon: int,
    origins: int,
    methods: list[str],
    **options,
) -> tuple[pd.DataFrame, dict]:
    """Backtest ``methods``; returns a summary table and per-method arrays."""
    starts = origins_for(panel.y.shape[1], horizon, origins)
    lag = metrics.SEASON.get(panel.freq, 1)
    y = panel.y.astype(np.float64)
    rows, details = [], {}
    for method in methods:
        actual, fc, lo, mid, hi, naive = [], [], [], [], [], []
        t0 = time.perf_counter()
        for o in starts:
            res = forecast_panel(panel.truncate(o, horizon), horizon, method, **options)
            actual.append(y[:, o : o + horizon])
            fc.append(res.forecast)
            lo.append(res.p10)
            mid.append(res.p50)
            hi.append(res.p90)
            naive.append(
                metrics.naive_errors(y[:, o - lag : o + horizon], lag)[:, lag:]
            )
        seconds = time.perf_counter() - t0
        a, f = np.concatenate(actual, 1), np.concatenate(fc, 1)
        p10, p90 = np.concatenate(lo, 1), np.concatenate(hi, 1)
        rows.append(
            {
                "method": method,
                "wape": metrics.wape(a, f),
                "mase": metrics.mase(a, f, np.concatenate(naive, 1)),
                "bias": metrics.bias(a, f),
                "coverage_p10_p90": metrics.coverage(a, p10, p90),
                "above_p90": metrics.exceedance(a, p90),
                "below_p10": metrics.shortfall(a, p10),
                "seconds": seconds,
                "series_per_s": panel.n_series * len(starts) / seconds,
            }
        )
        details[method] = {
            "actual": a,
            "forecast": f,
            "p10": p10,
            "p90": p90,
            "p50": np.concatenate(mid, 1),
            "naive": np.concatenate(naive, 1),
            "model": res.model,
        }
    return pd.DataFrame(rows), details
