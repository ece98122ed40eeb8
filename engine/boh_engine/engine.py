"""Automatic forecasting: candidates, choice per series, intervals, borrowing.

Pipeline of :func:`forecast_panel`:

1. If the method or the candidates use LightGBM, one global model is trained
   in the calling process on the history before the earliest choice origin; it
   serves every origin.
2. Series are cut into fixed-size chunks (the partition never depends on the
   number of workers) and each chunk runs :func:`forecast_chunk`, sequentially,
   in a process pool or on a Dask cluster. Every model works row by row, so a
   series' result does not depend on its chunk: all backends give identical
   numbers.
3. In a chunk, every candidate model forecasts from the ``choice_origins``
   last origins of the history (h periods apart); each series keeps the model
   with the lowest absolute error over those windows (its own backtest), and
   that model's forecast from the end of the history. Series with no backtest
   window use a default by demand class.
4. Intervals: residuals of the chosen model in its backtest windows are divided
   by a per-series scale (its own backtest MAE shrunk towards the class level)
   and pooled per demand class and horizon step; empirical 10/50/90%
   quantiles of the pooled scaled residuals give P10, P50, P90.
5. New series (too short for a backtest) borrow the shape and level of the
   same item in other stores, or else of the same store's items.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

import numpy as np
import pandas as pd
from tqdm import tqdm

from . import global_model, models, prophet_model, sf_models
from .data import Panel
from .errors import InputError

LOCAL = ("snaive", "ma", "ets", "theta", "croston", "sba", "tsb")
GLOBAL = ("lgbm",)
COMBOS = ("combo",)
AUTO_CANDIDATES = LOCAL + GLOBAL + COMBOS
SINGLE = LOCAL + GLOBAL + COMBOS + ("prophet",) + sf_models.SF_MODELS
METHODS = ("auto",) + SINGLE
CLASSES = ("smooth", "erratic", "intermittent", "lumpy", "new")
DEFAULT_BY_CLASS = {
    "smooth": "ets",
    "erratic": "ets",
    "intermittent": "sba",
    "lumpy": "sba",
    "new": "ma",
}
QUANTILES = (0.1, 0.5, 0.9)
CHUNK = 2000


@dataclass(frozen=True)
class Settings:
    """What to run; shared by every chunk."""

    freq: str
    horizon: int
    method: str = "auto"
    candidates: tuple[str, ...] = AUTO_CANDIDATES
    choice_origins: int = 2
    use_prophet: bool = False
    seed: int = 0

    @property
    def season(self) -> int:
        return 7 if self.freq == "D" else 52

    @property
    def profile_season(self) -> int:
        return 7 if self.freq == "D" else 1

    @property
    def ma_window(self) -> int:
        return 28 if self.freq == "D" else 8

    @property
    def min_obs(self) -> int:
        return max(2 * self.horizon, 14 if self.freq == "D" else 8)

    def names(self) -> tuple[str, ...]:
        return self.candidates if self.method == "auto" else (self.method,)


def demand_class(y: np.ndarray, min_obs: int) -> np.ndarray:
    """Syntetos-Boylan class per series: ADI 1.32 and CV^2 0.49 cut-offs.

    Series with fewer than ``min_obs`` observed periods or fewer than two
    non-zero periods are ``new``.
    """
    ok = ~np.isnan(y)
    n_obs = ok.sum(axis=1)
    pos = np.where(ok & (y > 0), y, np.nan)
    n_pos = np.sum(~np.isnan(pos), axis=1)
    adi = n_obs / np.maximum(n_pos, 1)
    mean = np.nansum(pos, axis=1) / np.maximum(n_pos, 1)
    var = np.nansum((pos - mean[:, None]) ** 2, axis=1) / np.maximum(n_pos, 1)
    cv2 = np.where(mean > 0, var / np.maximum(mean, 1e-12) ** 2, 0.0)
    cls = np.where(
        adi < 1.32,
        np.where(cv2 < 0.49, "smooth", "erratic"),
        np.where(cv2 < 0.49, "intermittent", "lumpy"),
    )
    return np.where((n_obs < min_obs) | (n_pos < 2), "new", cls).astype(object)


def candidate_forecasts(
    y: np.ndarray,
    drivers: dict[str, np.ndarray],
    target_dates: pd.DatetimeIndex,
    settings: Settings,
    booster,
    names: tuple[str, ...],
) -> dict[str, np.ndarray]:
    """Forecasts (n, h) of each model in ``names`` from the end of ``y``."""
    h = len(target_dates)
    t = y.shape[1]
    promo = drivers.get("promo")
    ps = settings.profile_season
    out: dict[str, np.ndarray] = {}
    need = set(names) - {"combo"}
    if "combo" in names:
        need |= {"ets", "theta", "lgbm" if booster is not None else "ma"}

    if promo is None:
        adj, mult = y, 1.0
    else:
        adj, mult = models.promo_adjust(y, promo[:, : t + h], h)
    if need & {"ets", "theta", "lgbm"}:
        ets_f, theta_f = models.ets_and_theta(adj, h, ps)
    for name in sorted(need):
        if name == "snaive":
            out[name] = models.seasonal_naive(y, h, settings.season)
        elif name == "ma":
            out[name] = models.moving_average(adj, h, ps, settings.ma_window) * mult
        elif name == "ets":
            out[name] = ets_f * mult
        elif name == "theta":
            out[name] = theta_f * mult
        elif name in ("croston", "sba", "tsb"):
            out[name] = getattr(models, name)(y, h)
        elif name == "lgbm":
            out[name] = (
                global_model.predict(booster, y, drivers, target_dates, settings.freq)
                if booster is not None
                else ets_f * mult
            )
        elif name in sf_models.SF_MODELS:
            out[name] = sf_models.forecast(y, h, ps, name)
    if "combo" in names:
        parts = ["ets", "theta", "lgbm" if "lgbm" in out else "ma"]
        out["combo"] = np.mean([out[p] for p in parts], axis=0)
    return {k: out[k] for k in names}


def choice_origins(t: int, settings: Settings) -> list[int]:
    """Origins of the per-series backtest windows, oldest first."""
    h = settings.horizon
    origins = [t - j * h for j in range(settings.choice_origins, 0, -1)]
    return [o for o in origins if o >= max(h, 3)]


def forecast_chunk(
    y: np.ndarray,
    drivers: dict[str, np.ndarray],
    dates: pd.DatetimeIndex,
    future: pd.DatetimeIndex,
    settings: Settings,
    boosters: dict[int, object],
) -> dict[str, np.ndarray]:
    """Run every candidate model on one chunk of series.

    ``y`` (n, t) is the cleaned history, ``drivers`` cover t + h periods.
    Returns ``cands`` (n, h, c) final forecasts, ``errors`` (n, c) absolute
    error summed over the backtest windows, ``actual`` (n,) actual demand in
    those windows, ``resid`` (n, w, h, c) backtest residuals (NaN where no
    actual), ``has_window`` (n,) and ``cls`` (n,). For Prophet: ``p10``, ``p90``.
    """
    y = y.astype(np.float64)
    n, t = y.shape
    h = settings.horizon
    names = settings.names()
    cls = demand_class(y, settings.min_obs)
    if settings.method == "prophet":
        return _prophet_chunk(y, drivers, dates, future, settings, cls)
    origins = choice_origins(t, settings)
    errors = np.zeros((n, len(names)))
    actual_sum = np.zeros(n)
    resid = np.full((n, len(origins), h, len(names)), np.nan, dtype=np.float32)
    for w, o in enumerate(origins):
        drv = {k: v[:, : o + h] for k, v in drivers.items()}
        cands = candidate_forecasts(
            y[:, :o], drv, dates[o : o + h], settings, boosters.get(o), names
        )
        actual = y[:, o : o + h]
        for c, name in enumerate(names):
            e = actual - cands[name]
            resid[:, w, :, c] = e
            errors[:, c] += np.nansum(np.abs(e), axis=1)
        actual_sum += np.nansum(actual, axis=1)
    final = candidate_forecasts(y, drivers, future, settings, boosters.get(t), names)
    has_window = np.zeros(n, dtype=bool)
    if origins:
        has_window = ~np.isnan(y[:, origins[0] - 1]) & (cls != "new")
    return {
        "cands": np.stack([final[nm] for nm in names], axis=2).astype(np.float32),
        "errors": errors,
        "actual": actual_sum,
        "resid": resid,
        "has_window": has_window,
        "cls": cls,
    }


def choose(
    errors: np.ndarray,
    actual: np.ndarray,
    cls: np.ndarray,
    has_window: np.ndarray,
    names: tuple[str, ...],
    selection: str = "class",
) -> np.ndarray:
    """Index of the chosen candidate per series.

    ``series``: lowest own backtest error. ``class`` (default): lowest total error
    over the series of the same demand class (the most robust in our backtests:
    a few windows of one series are a noisy basis). ``blend``: own error shrunk
    towards the class error: the score of candidate c is
    ``(E_ic + m * W_kc) / (A_i + m)`` where ``A_i`` is the series' actual
    demand in the windows, ``W_kc`` the class WAPE of c and ``m`` the class
    median of ``A_i``: a typical series weighs its own evidence and its class
    equally, noisy low-volume series lean on the class. Series without a
    backtest window get the class default (:data:`DEFAULT_BY_CLASS`).
    """
    n = len(errors)
    default = np.array(
        [
            names.index(DEFAULT_BY_CLASS[c]) if DEFAULT_BY_CLASS[c] in names else 0
            for c in cls
        ],
        dtype=int,
    )
    if n == 0:
        return default
    score = errors / np.maximum(actual, 1e-9)[:, None]
    if selection != "series":
        score = np.empty_like(errors)
        for c in np.unique(cls):
            m = cls == c
            ok = m & has_window
            if not ok.any():
                score[m] = errors[m]
                continue
            class_wape = errors[ok].sum(axis=0) / max(actual[ok].sum(), 1e-9)
            if selection == "class":
                score[m] = class_wape[None, :]
                continue
            prior = max(float(np.median(actual[ok])), 1e-9)
            score[m] = (errors[m] + prior * class_wape[None, :]) / (
                actual[m, None] + prior
            )
    return np.where(has_window, np.argmin(score, axis=1), default)


def _prophet_chunk(y, drivers, dates, future, settings, cls):
    """Prophet for every series of a chunk, with its own 80% interval."""
    if not prophet_model.available():
        raise InputError("prophet is not installed: pip install boh-engine[prophet]")
    mean, p10, p90 = prophet_model.forecast(y, dates, future, drivers.get("promo"))
    n = len(y)
    return {
        "resid": np.full((n, 0, settings.horizon, 1), np.nan, dtype=np.float32),
        "cands": mean[:, :, None],
        "errors": np.zeros((n, 1)),
        "actual": np.zeros(n),
        "has_window": np.zeros(n, dtype=bool),
        "p10": p10,
        "p90": p90,
        "cls": cls,
    }


def _residual_scale(
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
    scale = _residual_scale(resid, level, cls, h)
    quant = pooled_quantiles(resid / scale[:, None, None], cls)
    band = forecast[:, :, None] + scale[:, None, None] * quant
    band = np.maximum(np.sort(band, axis=2), 0.0)
    return {"p10": band[:, :, 0], "p50": band[:, :, 1], "p90": band[:, :, 2]}


def borrow(
    store: np.ndarray,
    item: np.ndarray,
    y: np.ndarray,
    forecast: np.ndarray,
    model: np.ndarray,
    cls: np.ndarray,
    prior: float,
) -> tuple[np.ndarray, np.ndarray]:
    """Forecasts of new series from the same item elsewhere, else same store.

    The shape is the mean forecast of the peer series normalised to mean 1; the
    level is the peers' median level blended with the series' own mean (weight
    of own data: n_obs / (n_obs + prior)). Returns new forecast and model.
    """
    new = cls == "new"
    if not new.any() or new.all():
        return forecast, model
    forecast = forecast.copy()
    model = model.copy()
    ok = ~np.isnan(y)
    n_obs = ok.sum(axis=1)
    own = np.where(n_obs > 0, np.nansum(y, axis=1) / np.maximum(n_obs, 1), 0.0)
    level = forecast.mean(axis=1)
    shape = np.where(
        level[:, None] > 0, forecast / np.maximum(level[:, None], 1e-9), 1.0
    )
    frame = pd.DataFrame({"store": store, "item": item, "level": level, "old": ~new})
    for key in ("item", "store"):
        peers = frame[frame["old"]].groupby(key)
        med = peers["level"].median()
        idx = np.flatnonzero(new & (model == DEFAULT_BY_CLASS["new"]))
        if len(idx) == 0:
            break
        peer_level = frame[key].iloc[idx].map(med).to_numpy(dtype=float)
        has = ~np.isnan(peer_level)
        idx, peer_level = idx[has], peer_level[has]
        old_idx = np.flatnonzero(~new)
        groups = frame[key].to_numpy()
        peer_shape = pd.DataFrame(shape[old_idx]).groupby(groups[old_idx]).mean()
        sh = peer_shape.loc[groups[idx]].to_numpy()
        w = n_obs[idx] / (n_obs[idx] + prior)
        lvl = w * own[idx] + (1 - w) * peer_level
        forecast[idx] = lvl[:, None] * sh
        model[idx] = f"borrow:{key}"
    return forecast, model


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
        """One row per series: model, class, backtest WAPE, cleaning counts."""
        out = pd.DataFrame(
            {
                "store": self.panel.store,
                "item": self.panel.item,
                "model": self.model,
                "class": self.cls,
                "backtest_wape": np.round(self.error, 4),
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


def run_chunks(
    fn,
    jobs: list[tuple],
    workers: int,
    backend: str,
    scheduler=None,
    progress: bool = True,
) -> list:
    """Run ``fn(*job)`` for every job, in order, on the chosen backend.

    ``backend``: ``processes`` (a spawn process pool of ``workers``), ``dask``
    (a dask.distributed Client on ``scheduler`` address, or a LocalCluster of
    ``workers`` single-threaded workers) or anything else for in-process.
    """
    bar = tqdm(
        total=len(jobs), desc="forecast", unit="chunk", disable=not progress, file=None
    )
    try:
        if backend == "dask":
            return _run_dask(fn, jobs, workers, scheduler, bar)
        if backend == "processes" and workers > 1 and len(jobs) > 1:
            import multiprocessing as mp

            ctx = mp.get_context("spawn")
            with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
                futures = [pool.submit(fn, *job) for job in jobs]
                out = []
                for f in futures:
                    out.append(f.result())
                    bar.update()
                return out
        out = []
        for job in jobs:
            out.append(fn(*job))
            bar.update()
        return out
    finally:
        bar.close()


def _run_dask(fn, jobs, workers, scheduler, bar):
    from dask.distributed import Client, LocalCluster

    if scheduler:
        client = Client(scheduler)
        cluster = None
    else:
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
        )
        client = Client(cluster)
    try:
        futures = [client.submit(fn, *job, pure=False) for job in jobs]
        out = []
        for f in futures:
            out.append(f.result())
            bar.update()
        return out
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


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
        res["errors"], res["actual"], res["cls"], res["has_window"], names, selection
    )
    rows = np.arange(len(pick))
    res["forecast"] = np.maximum(res["cands"][rows, :, pick].astype(np.float64), 0.0)
    res["model"] = np.array(names, dtype=object)[pick]
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
    )


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
