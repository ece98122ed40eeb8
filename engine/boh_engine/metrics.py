"""Accuracy metrics over (series, period) arrays; NaN actuals are ignored."""

from __future__ import annotations

import numpy as np


def _valid(actual: np.ndarray, *arrays: np.ndarray) -> np.ndarray:
    ok = ~np.isnan(actual)
    for a in arrays:
        ok &= ~np.isnan(a)
    return ok


def wape(actual: np.ndarray, forecast: np.ndarray) -> float:
    """Sum of absolute errors over sum of actuals."""
    ok = _valid(actual, forecast)
    den = np.sum(actual[ok])
    return float(np.sum(np.abs(actual[ok] - forecast[ok])) / den) if den > 0 else np.nan


def bias(actual: np.ndarray, forecast: np.ndarray) -> float:
    """Sum of (forecast - actual) over sum of actuals: > 0 means over-forecast."""
    ok = _valid(actual, forecast)
    den = np.sum(actual[ok])
    return float(np.sum(forecast[ok] - actual[ok]) / den) if den > 0 else np.nan


def mase_scale(history: np.ndarray, lag: int) -> np.ndarray:
    """In-sample MAE of the lag-``lag`` naive forecast per series (NaN if none)."""
    if history.shape[1] <= lag:
        return np.full(history.shape[0], np.nan)
    diff = np.abs(history[:, lag:] - history[:, :-lag])
    cnt = np.sum(~np.isnan(diff), axis=1)
    return np.where(cnt > 0, np.nansum(diff, axis=1) / np.maximum(cnt, 1), np.nan)


def mase(actual: np.ndarray, forecast: np.ndarray, scale: np.ndarray) -> float:
    """Mean over series of MAE / scale (series with zero or unknown scale left out)."""
    ok = _valid(actual, forecast)
    err = np.where(ok, np.abs(actual - forecast), 0.0)
    cnt = ok.sum(axis=1)
    mae = err.sum(axis=1) / np.maximum(cnt, 1)
    use = (cnt > 0) & (scale > 0) & np.isfinite(scale)
    return float(np.mean(mae[use] / scale[use])) if use.any() else np.nan


def coverage(actual: np.ndarray, low: np.ndarray, high: np.ndarray) -> float:
    """Share of actuals inside [low, high]."""
    ok = _valid(actual, low, high)
    inside = (actual >= low) & (actual <= high)
    return float(inside[ok].mean()) if ok.any() else np.nan


def exceedance(actual: np.ndarray, quantile: np.ndarray) -> float:
    """Share of actuals strictly above the quantile forecast."""
    ok = _valid(actual, quantile)
    return float((actual > quantile)[ok].mean()) if ok.any() else np.nan


def shortfall(actual: np.ndarray, quantile: np.ndarray) -> float:
    """Share of actuals strictly below the quantile forecast."""
    ok = _valid(actual, quantile)
    return float((actual < quantile)[ok].mean()) if ok.any() else np.nan
