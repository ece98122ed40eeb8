"""Automatic forecasting of a panel: the pipeline of :func:`forecast_panel`.

1. If the method or the candidates use LightGBM, one global model is trained
   in the calling process on the history before the earliest choice origin; it
   serves every origin.
2. Series are cut into fixed-size chunks (the partition never depends on the
   number of workers) and each chunk runs :func:`~boh_engine.choice.forecast_chunk`
   on a backend (:mod:`boh_engine.backends`: serial, process pool or Dask). Every
   model works row by row, so a series' result does not depend on its chunk:
   all backends give identical numbers.
3. Model choice per series (:mod:`boh_engine.choice`): every candidate of the
   model registry (:mod:`boh_engine.registry`) is backtested on the last
   windows of the history; a series whose chosen model fails falls back to a
   moving average, and the result says so (``Result.fallback``).
4. Intervals (:mod:`boh_engine.intervals`): P10/P50/P90 from pooled, scaled
   backtest residuals.
5. New series (too short for a backtest) borrow the shape and level of the
   same item in other stores, or else of the same store's items.

The names of the former single-module engine (``choose``, ``demand_class``,
``intervals``, ``run_chunks``...) are still importable from here.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import global_model, prophet_model
from .backends import BACKENDS, run_chunks  # noqa: F401 - former names
from .choice import (  # noqa: F401 - former names of this module
    AUTO_CANDIDATES,
    CLASSES,
    DEFAULT_BY_CLASS,
    FALLBACK,
    METHODS,
    SINGLE,
    Settings,
    borrow,
    candidate_forecasts,
    choice_origins,
    choose,
    demand_class,
    fallback,
    forecast_chunk,
)
from .data import Panel
from .errors import InputError
from .intervals import QUANTILES, intervals, pooled_quantiles  # noqa: F401
from .sf_models import SF_MODELS  # noqa: F401 - former name

LOCAL = ("snaive", "ma", "ets", "theta", "croston", "sba", "tsb")
GLOBAL = ("lgbm",)
COMBOS = ("combo",)
CHUNK = 2000


@dataclass
class Result:
    """Forecast of a panel: per-series arrays plus the long output table."""

    panel: Panel
    dates: pd.DatetimeIndex
    forecast: np.ndarray
    p10: np.ndarray
    p50: np.ndarray
    p90: np.ndarray
    model: np.ndarray
    cls: np.ndarray
    error: np.ndarray
    fallback: np.ndarray | None = None
    """Per series: why the chosen model was replaced ("" when it was not)."""

    def table(self) -> pd.DataFrame:
        """Long table: store, item, date, qty, p10, p50, p90, model."""
        n, h = self.forecast.shape
        return pd.DataFrame(
            {
                "store": np.repeat(self.panel.store, h),
                "item": np.repeat(self.panel.item, h),
                "date": np.tile(self.dates.strftime("%Y-%m-%d"), n),
                "qty": self.forecast.reshape(-1).round(3),
                "p10": self.p10.reshape(-1).round(3),
                "p50": self.p50.reshape(-1).round(3),
                "p90": self.p90.reshape(-1).round(3),
                "model": np.repeat(self.model, h),
            }
        )

    def series_table(self) -> pd.DataFrame:
        """Per series: model, class, backtest WAPE, fallback, cleaning counts."""
        out = pd.DataFrame(
            {
                "store": self.panel.store,
                "item": self.panel.item,
                "model": self.model,
                "class": self.cls,
                "backtest_wape": np.round(self.error, 4),
                "fallback": self.fallback
                if self.fallback is not None
                else np.full(len(self.model), "", dtype=object),
            }
        )
        for k, v in self.panel.stats.items():
            out[k] = v
        return out


def _train_boosters(panel: Panel, settings: Settings, origins: list[int]) -> dict:
    """Global LightGBM model for every origin.

    One model is trained on the history before the earliest origin and serves
    all of them (the backtest windows and the final forecast): its features are
    always computed at each origin, only the learnt mapping is a few periods
    older for the later ones. One training instead of one per origin keeps the
    whole run within the speed budget.
    """
    if not ({"lgbm", "combo"} & set(settings.names())):
        return {}
    first = min(origins)
    booster = global_model.train(
        panel.y[:, :first],
        {k: v[:, :first] for k, v in panel.drivers.items()},
        panel.dates[:first],
        settings.freq,
        settings.horizon,
        seed=settings.seed,
    )
    return dict.fromkeys(origins, booster)


def forecast_panel(
    panel: Panel,
    horizon: int,
    method: str = "auto",
    *,
    candidates: tuple[str, ...] = AUTO_CANDIDATES,
    choice_origins_count: int = 2,
    use_prophet: bool = False,
    workers: int = 1,
    backend: str = "processes",
    scheduler: str | None = None,
    chunk_size: int = CHUNK,
    seed: int = 0,
    selection: str = "class",
    progress: bool = False,
) -> Result:
    """Forecast every series of ``panel`` ``horizon`` periods ahead."""
    if not isinstance(horizon, int | np.integer) or horizon < 1:
        raise InputError(
            f"horizon must be a positive integer, got {horizon!r}", column="horizon"
        )
    if method not in METHODS:
        raise InputError(
            f"unknown method {method!r}; choose from {', '.join(METHODS)}",
            column="models",
        )
    unknown = set(candidates) - set(SINGLE)
    if unknown:
        raise InputError(f"unknown candidate models {sorted(unknown)}", column="models")
    panel = _extend_drivers(panel, horizon)
    cands = tuple(candidates)
    if use_prophet and "prophet" not in cands:
        cands = cands + ("prophet",)
    cands = tuple(c for c in cands if c != "prophet")
    settings = Settings(
        panel.freq, int(horizon), method, cands, choice_origins_count, use_prophet, seed
    )
    t = panel.y.shape[1]
    future = panel.future_dates(horizon)
    boosters = _train_boosters(panel, settings, choice_origins(t, settings) + [t])
    drivers = {k: v[:, : t + horizon] for k, v in panel.drivers.items()}
    if method == "prophet":
        chunk_size = min(chunk_size, 25)
    jobs = []
    for lo in range(0, panel.n_series, chunk_size):
        sl = slice(lo, lo + chunk_size)
        jobs.append(
            (
                panel.y[sl],
                {k: v[sl] for k, v in drivers.items()},
                panel.dates,
                future,
                settings,
                boosters,
            )
        )
    parts = run_chunks(forecast_chunk, jobs, workers, backend, scheduler, progress)
    res = {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}
    names = settings.names()
    pick = choose(
        res["errors"],
        res["actual"],
        res["cls"],
        res["has_window"],
        names,
        selection,
        res["failed"],
    )
    rows = np.arange(len(pick))
    res["forecast"] = np.maximum(res["cands"][rows, :, pick].astype(np.float64), 0.0)
    res["model"] = np.array(names, dtype=object)[pick]
    res["fallback"] = _fall_back(res, pick, panel, drivers, future, settings)
    res["error"] = np.where(
        res["actual"] > 0,
        res["errors"][rows, pick] / np.maximum(res["actual"], 1e-12),
        np.nan,
    )
    res["resid"] = res["resid"][rows, :, :, pick].astype(np.float64)
    if use_prophet and method == "auto":
        res = _prophet_override(res, panel, drivers, future, settings)
    y = panel.y.astype(np.float64)
    fc, model = borrow(
        panel.store,
        panel.item,
        y,
        res["forecast"],
        res["model"],
        res["cls"],
        prior=settings.ma_window / 4,
    )
    level = global_model.series_scale(y, panel.freq)
    level = np.where(np.nansum(y, axis=1) > 0, level, 0.0)
    band = intervals(fc, res["resid"], level, res["cls"])
    if "p10" in res:
        band = {"p10": res["p10"], "p50": fc, "p90": res["p90"]}
    return Result(
        panel,
        future,
        fc,
        band["p10"],
        band["p50"],
        band["p90"],
        model,
        res["cls"],
        res["error"],
        res["fallback"],
    )


def _fall_back(res, pick, panel, drivers, future, settings) -> np.ndarray:
    """Replace, in ``res``, the forecasts of series whose chosen model failed.

    Returns the reason per series ("" where the chosen model ran).
    """
    rows = np.arange(len(pick))
    failure = res["failure"][rows, pick]
    bad = (failure != "") | ~np.isfinite(res["forecast"]).all(axis=1)
    reason = np.full(len(pick), "", dtype=object)
    idx = np.flatnonzero(bad)
    if len(idx) == 0:
        return reason
    y = panel.y[idx].astype(np.float64)
    f, model, msgs = fallback(
        y, {k: v[idx] for k, v in drivers.items()}, future, settings
    )
    for j, i in enumerate(idx):
        why = failure[i] or "the model returned non-finite values"
        used = model[j]
        reason[i] = f"{res['model'][i]} failed ({why}); forecast with {used}"
        if msgs[j]:
            reason[i] += f" ({FALLBACK} failed too: {msgs[j]})"
    res["forecast"][idx] = np.maximum(f, 0.0)
    res["model"][idx] = model
    return reason


def _prophet_override(res, panel, drivers, future, settings):
    """Prophet for eligible series in auto mode when it beats their choice."""
    promo = drivers.get("promo")
    ok = prophet_model.eligible(panel.y, promo, panel.freq)
    idx = np.flatnonzero(ok)
    if len(idx) == 0 or not prophet_model.available():
        return res
    t = panel.y.shape[1]
    h = settings.horizon
    o = t - h
    y = panel.y[idx].astype(np.float64)
    pr = None if promo is None else promo[idx]
    mean, _, _ = prophet_model.forecast(y[:, :o], panel.dates[:o], panel.dates[o:t], pr)
    err = np.nansum(np.abs(y[:, o:t] - mean), axis=1)
    chosen_err = np.nansum(np.abs(res["resid"][idx, -1, :]), axis=1)
    better = idx[err < chosen_err]
    if len(better):
        fm, _, _ = prophet_model.forecast(
            panel.y[better].astype(np.float64),
            panel.dates,
            future,
            None if promo is None else promo[better],
        )
        res["forecast"][better] = fm
        res["model"][better] = "prophet"
    return res


def _extend_drivers(panel: Panel, horizon: int) -> Panel:
    """Drivers padded to ``horizon`` future periods: promo 0, others held."""
    t = panel.y.shape[1]
    drv = {}
    for k, v in panel.drivers.items():
        pad = horizon - (v.shape[1] - t)
        if pad <= 0:
            drv[k] = v
            continue
        fill = (
            np.zeros((len(v), pad), np.float32)
            if k in ("promo", "holiday")
            else (np.repeat(v[:, -1:], pad, axis=1))
        )
        drv[k] = np.concatenate([v, fill], axis=1)
    return Panel(
        panel.store,
        panel.item,
        panel.dates,
        panel.freq,
        panel.y,
        drv,
        panel.stats,
        horizon,
        panel.ignored_columns,
    )


def default_workers() -> int:
    """Number of usable cores."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
