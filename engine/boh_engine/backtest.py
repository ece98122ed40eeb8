"""Rolling-origin backtest of one or several forecasting methods.

Origins are the last ``origins`` multiples of ``horizon`` before the end of the
history (non-overlapping windows). Each method forecasts every series from each
origin using only the history before it (drivers such as promotions are taken
as known in advance, as a promotion plan is). Reported per method: WAPE, MASE
(scale: in-sample seasonal naive MAE, lag 7 for daily data, lag 1 for weekly),
bias, P10-P90 coverage, share of actuals above P90, seconds and series/s.
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
    lag = 7 if panel.freq == "D" else 1
    rows, details = [], {}
    for method in methods:
        actual, fc, lo, mid, hi, scale = [], [], [], [], [], []
        t0 = time.perf_counter()
        for o in starts:
            res = forecast_panel(panel.truncate(o, horizon), horizon, method, **options)
            actual.append(panel.y[:, o : o + horizon].astype(np.float64))
            fc.append(res.forecast)
            lo.append(res.p10)
            mid.append(res.p50)
            hi.append(res.p90)
            scale.append(metrics.mase_scale(panel.y[:, :o].astype(np.float64), lag))
        seconds = time.perf_counter() - t0
        a, f = np.concatenate(actual, 1), np.concatenate(fc, 1)
        p10, p90 = np.concatenate(lo, 1), np.concatenate(hi, 1)
        mase = np.mean(
            [metrics.mase(x, y, s) for x, y, s in zip(actual, fc, scale, strict=True)]
        )
        rows.append(
            {
                "method": method,
                "wape": metrics.wape(a, f),
                "mase": float(mase),
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
            "model": res.model,
        }
    return pd.DataFrame(rows), details
