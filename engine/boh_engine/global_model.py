"""Cross-series LightGBM model (one model learnt over all series).

Direct multi-horizon: one row per (series, forecast origin, step k), features
known at the origin (scaled recent means, same-weekday means, last-year value,
zero share, promotion lift) plus features of the target period (calendar,
promotion, relative price, holiday, temperature, step k). The target is demand
divided by the series' recent level, so one model serves small and large
series; rows are weighted by that level so the loss follows the WAPE. The loss
is Tweedie (variance power 1.2), suited to non-negative counts with zeros.

Training uses a deterministic sample of series (seeded) when the panel is large,
LightGBM's ``deterministic`` mode and a fixed thread count, so the same input
gives the same model. Prediction is per series and can run in any partition.
"""

from __future__ import annotations

import warnings

import lightgbm as lgb
import numpy as np
import pandas as pd

from .models import promo_lift

WINDOWS = {"D": (7, 28, 91, 364), "W": (4, 13, 26, 52)}
PARAMS = {
    "objective": "tweedie",
    "tweedie_variance_power": 1.2,
    "learning_rate": 0.07,
    "num_leaves": 31,
    "min_data_in_leaf": 100,
    "feature_fraction": 0.8,
    "bagging_fraction": 0.8,
    "bagging_freq": 1,
    "lambda_l2": 1.0,
    "deterministic": True,
    "force_row_wise": True,
    "verbose": -1,
}
ROUNDS = 150


def _window_mean(y: np.ndarray, w: int) -> np.ndarray:
    tail = y[:, -w:]
    cnt = np.sum(~np.isnan(tail), axis=1)
    return np.where(cnt > 0, np.nansum(tail, axis=1) / np.maximum(cnt, 1), np.nan)


def series_scale(y: np.ndarray, freq: str) -> np.ndarray:
    """Recent level used to scale each series (never 0)."""
    recent = _window_mean(y, WINDOWS[freq][1])
    longer = _window_mean(y, y.shape[1])
    scale = np.where(recent > 0, recent, longer)
    return np.where(np.isfinite(scale) & (scale > 0), scale, 1.0)


def _calendar(dates: pd.DatetimeIndex, freq: str) -> np.ndarray:
    """Calendar features (h, c) of the target periods."""
    if freq == "D":
        cols = [dates.dayofweek, dates.day, dates.month, dates.dayofyear]
    else:
        cols = [dates.isocalendar().week.to_numpy(), dates.month, dates.day]
    return np.column_stack([np.asarray(c, dtype=np.float32) for c in cols])


def features(
    y: np.ndarray,
    drivers: dict[str, np.ndarray],
    target_dates: pd.DatetimeIndex,
    freq: str,
) -> tuple[np.ndarray, np.ndarray]:
    """Feature matrix (n * h, f) for the h periods after the history ``y``.

    ``drivers`` arrays cover the history and at least h periods beyond it.
    Rows are ordered series-major (all steps of series 0 first). Also returns
    the per-series scale.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return _features(y, drivers, target_dates, freq)


def _features(y, drivers, target_dates, freq):
    n, t = y.shape
    h = len(target_dates)
    scale = series_scale(y, freq)
    w = WINDOWS[freq]
    per_series = [_window_mean(y, k) / scale for k in w]
    tail = y[:, -w[1] :]
    seen = np.sum(~np.isnan(tail), axis=1)
    per_series.append(np.sum(tail == 0, axis=1) / np.maximum(seen, 1))
    per_series.append(np.log1p(scale))
    per_series.append(np.log1p(np.sum(~np.isnan(y), axis=1)))
    last = y[:, -1]
    per_series.append(last / scale)
    promo = drivers.get("promo")
    if promo is not None:
        lift = promo_lift(y, promo[:, :t])
        per_series.append(lift)
        per_series.append(promo[:, t - w[1] : t].mean(axis=1))
    ps = np.column_stack(per_series).astype(np.float32)
    steps = np.arange(h)
    step_cols = [np.broadcast_to(steps[None, :] + 1.0, (n, h))]
    if freq == "D":
        k4 = min(4, t // 7)
        if k4 > 0:
            blk = y[:, t - 7 * k4 :].reshape(n, k4, 7)
            with np.errstate(invalid="ignore"):
                dow = np.nanmean(blk, axis=1) if k4 > 1 else blk[:, 0]
            step_cols.append(dow[:, steps % 7] / scale[:, None])
            step_cols.append(y[:, t - 7 + steps % 7] / scale[:, None])
    else:
        src = t + steps - 52
        ok = src >= 0
        ly = np.full((n, h), np.nan)
        ly[:, ok] = y[:, src[ok]] / scale[:, None]
        step_cols.append(ly)
    for name in ("promo", "holiday", "temperature"):
        if name in drivers:
            step_cols.append(drivers[name][:, t : t + h])
    if promo is not None:
        step_cols.append(promo[:, t : t + h] * lift[:, None])
    if "price" in drivers:
        price = drivers["price"]
        ref = price[:, max(0, t - w[1]) : t].mean(axis=1)
        ref = np.where(ref > 0, ref, 1.0)
        step_cols.append(price[:, t : t + h] / ref[:, None])
    cal = _calendar(target_dates, freq)
    stepwise = np.stack([np.asarray(c, dtype=np.float32) for c in step_cols], axis=2)
    x = np.concatenate(
        [
            np.repeat(ps[:, None, :], h, axis=1),
            stepwise,
            np.broadcast_to(cal[None, :, :], (n, h, cal.shape[1])),
        ],
        axis=2,
    )
    return x.reshape(n * h, -1), scale


def training_origins(end: int, h: int, freq: str, max_origins: int) -> list[int]:
    """Past origins whose h-period targets end before ``end``, latest first."""
    first = 2 * WINDOWS[freq][0]
    origins = list(range(end - h, first - 1, -h))
    return origins[:max_origins]


def train(
    y: np.ndarray,
    drivers: dict[str, np.ndarray],
    dates: pd.DatetimeIndex,
    freq: str,
    h: int,
    seed: int = 0,
    max_rows: int = 120_000,
    threads: int = 1,
) -> lgb.Booster | None:
    """Fit the global model on the history ``y`` (n, t); None if too short."""
    n, t = y.shape
    origins = training_origins(t, h, freq, max_origins=26)
    if not origins:
        return None
    per_origin = max(1, max_rows // (len(origins) * h))
    rng = np.random.default_rng(seed)
    rows = (
        np.sort(rng.choice(n, size=per_origin, replace=False))
        if per_origin < n
        else None
    )
    ys = y if rows is None else y[rows]
    drv = drivers if rows is None else {k: v[rows] for k, v in drivers.items()}
    xs, targets, weights = [], [], []
    for o in origins:
        x, scale = features(
            ys[:, :o],
            {k: v[:, : o + h] for k, v in drv.items()},
            dates[o : o + h],
            freq,
        )
        target = (ys[:, o : o + h] / scale[:, None]).reshape(-1)
        keep = ~np.isnan(target)
        xs.append(x[keep])
        targets.append(target[keep])
        weights.append(np.repeat(scale, h)[keep])
    x = np.concatenate(xs)
    if len(x) < 50:
        return None
    params = dict(PARAMS, seed=seed, num_threads=threads)
    data = lgb.Dataset(x, np.concatenate(targets), weight=np.concatenate(weights))
    return lgb.train(params, data, num_boost_round=ROUNDS)


def predict(
    booster: lgb.Booster,
    y: np.ndarray,
    drivers: dict[str, np.ndarray],
    target_dates: pd.DatetimeIndex,
    freq: str,
) -> np.ndarray:
    """Forecast (n, h) of the global model after the history ``y``."""
    n = y.shape[0]
    h = len(target_dates)
    x, scale = features(y, drivers, target_dates, freq)
    pred = booster.predict(x, num_threads=1).reshape(n, h)
    return np.maximum(pred, 0.0) * scale[:, None]
