"""Prediction intervals from backtest residuals.

Residuals of the chosen model in its backtest windows are divided by a
per-series scale (its own backtest MAE shrunk towards the class level) and
pooled per demand class and horizon step; empirical 10/50/90% quantiles of the
pooled scaled residuals give P10, P50, P90.
"""

from __future__ import annotations

import numpy as np

QUANTILES = (0.1, 0.5, 0.9)


def residual_scale(
    resid: np.ndarray, level: np.ndarray, cls: np.ndarray, h: int
) -> np.ndarray:
    """Per-series residual scale: own backtest MAE shrunk to the class level."""
    flat = resid.reshape(len(resid), -1)
    cnt = np.sum(~np.isnan(flat), axis=1)
    mae = np.nansum(np.abs(flat), axis=1) / np.maximum(cnt, 1)
    ref = np.zeros(len(resid))
    for c in np.unique(cls):
        m = (cls == c) & (cnt > 0)
        ratio = mae[m].sum() / max(level[m].sum(), 1e-9) if m.any() else 1.0
        ref[cls == c] = ratio * level[cls == c]
    scale = (cnt * mae + h * ref) / (cnt + h)
    return np.maximum(scale, 1e-6)


def pooled_quantiles(
    scaled: np.ndarray, cls: np.ndarray, quantiles=QUANTILES, min_count: int = 200
) -> np.ndarray:
    """Quantiles (n, h, q) of scaled residuals pooled by class and horizon step.

    ``scaled`` is (n, w, h). A class x step cell with fewer than ``min_count``
    residuals uses the class over all steps, or all series when still too few.
    """
    n, _, h = scaled.shape
    q = np.asarray(quantiles)
    overall = _nanq(scaled.reshape(-1), q, None)
    out = np.empty((n, h, len(q)))
    for c in np.unique(cls):
        m = cls == c
        sub = scaled[m]
        pooled = _nanq(sub.reshape(-1), q, overall, min_count)
        for k in range(h):
            out[m, k] = _nanq(sub[:, :, k].reshape(-1), q, pooled, min_count)
    return out


def _nanq(values: np.ndarray, q: np.ndarray, fallback, min_count: int = 1):
    vals = values[~np.isnan(values)]
    if len(vals) < min_count:
        return fallback if fallback is not None else np.zeros(len(q))
    return np.quantile(vals, q)


def intervals(
    forecast: np.ndarray, resid: np.ndarray, level: np.ndarray, cls: np.ndarray
) -> dict[str, np.ndarray]:
    """P10, P50, P90 (n, h) from backtest residuals (see module docstring)."""
    h = forecast.shape[1]
    scale = residual_scale(resid, level, cls, h)
    quant = pooled_quantiles(resid / scale[:, None, None], cls)
    band = forecast[:, :, None] + scale[:, None, None] * quant
    band = np.maximum(np.sort(band, axis=2), 0.0)
    return {"p10": band[:, :, 0], "p50": band[:, :, 1], "p90": band[:, :, 2]}
