"""Model choice per series: candidates, backtest windows, choice, fallback.

In a chunk of series every candidate model (looked up by name in
:data:`boh_engine.registry.MODELS`) forecasts from the ``choice_origins`` last
origins of the history (h periods apart); each series keeps the model with the
lowest error over those windows (see :func:`choose`), and that model's forecast
from the end of the history. Series with no backtest window use a default by
demand class (:data:`DEFAULT_BY_CLASS`).

Failures are isolated per series: when a model raises on a chunk it is run
again series by series, and a series on which it raises or returns non-finite
values gets no forecast from it. Such a candidate is never chosen on the
evidence of its failed windows; when the chosen model failed on the final
forecast of a series, the series falls back to :data:`FALLBACK` (moving average
with the weekday profile; a zero forecast if even that fails) and the result
names the model used and why (``Result.fallback``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import prophet_model, registry
from .errors import InputError

AUTO_CANDIDATES = registry.names(auto_only=True)
SINGLE = registry.names() + ("prophet",)
METHODS = ("auto",) + SINGLE
CLASSES = ("smooth", "erratic", "intermittent", "lumpy", "new")
DEFAULT_BY_CLASS = {
    "smooth": "ets",
    "erratic": "ets",
    "intermittent": "sba",
    "lumpy": "sba",
    "new": "ma",
}
FALLBACK = "ma"


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

    def context(self, y, drivers, target_dates, booster=None, requested=()):
        """A :class:`~boh_engine.registry.Context` for the registered models."""
        return registry.Context(
            y,
            len(target_dates),
            self.season,
            self.profile_season,
            self.ma_window,
            self.freq,
            drivers,
            target_dates,
            booster,
            tuple(requested),
        )


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


def _message(exc: Exception) -> str:
    if isinstance(exc, InputError):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"


def run_model(
    model: registry.Model, ctx: registry.Context
) -> tuple[np.ndarray, np.ndarray | None]:
    """Forecast (n, h) of ``model`` and the failure message per series.

    A series on which the model raises or returns non-finite values gets NaN
    and a message; ``None`` instead of messages when every series succeeded.
    """
    n, h = len(ctx.y), ctx.h
    try:
        f = np.asarray(model.forecast(ctx), dtype=np.float64).reshape(n, h)
    except Exception as exc:  # noqa: BLE001 - isolate the failing series
        if n == 1:
            return np.full((1, h), np.nan), np.array([_message(exc)], dtype=object)
        f = np.full((n, h), np.nan)
        msgs = np.full(n, "", dtype=object)
        for i in range(n):
            f[i], msgs[i : i + 1] = _one(model, ctx.rows(np.array([i])), h)
        return f, msgs
    bad = ~np.isfinite(f).all(axis=1)
    if not bad.any():
        return f, None
    f[bad] = np.nan
    msgs = np.where(bad, "the model returned non-finite values", "").astype(object)
    return f, msgs


def _one(model, ctx, h):
    f, msgs = run_model(model, ctx)
    return f[0], (msgs if msgs is not None else np.array([""], dtype=object))


def candidate_forecasts(
    y: np.ndarray,
    drivers: dict[str, np.ndarray],
    target_dates: pd.DatetimeIndex,
    settings: Settings,
    booster,
    names: tuple[str, ...],
) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """Forecasts (n, h) of each model in ``names`` from the end of ``y``.

    Returns the forecasts and, for the models that failed on some series, the
    failure message per series (empty string where it succeeded).
    """
    ctx = settings.context(y, drivers, target_dates, booster, names)
    out: dict[str, np.ndarray] = {}
    failures: dict[str, np.ndarray] = {}

    def run(name: str) -> None:
        if name in out:
            return
        model = registry.get(name)
        for dep in model.needs(ctx):
            run(dep)
            ctx.outputs[dep] = out[dep]
        out[name], msgs = run_model(model, ctx)
        if msgs is not None:
            failures[name] = msgs

    for name in sorted(names):
        run(name)
    return {k: out[k] for k in names}, {k: failures[k] for k in names if k in failures}


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
    actual), ``has_window`` (n,), ``cls`` (n,), ``failed`` (n, c) the model
    failed on the series in some window or at the end, ``failure`` (n, c) the
    message of a failure at the end ("" if none). For Prophet: ``p10``, ``p90``.
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
    failed = np.zeros((n, len(names)), dtype=bool)
    for w, o in enumerate(origins):
        drv = {k: v[:, : o + h] for k, v in drivers.items()}
        cands, fails = candidate_forecasts(
            y[:, :o], drv, dates[o : o + h], settings, boosters.get(o), names
        )
        actual = y[:, o : o + h]
        for c, name in enumerate(names):
            e = actual - cands[name]
            resid[:, w, :, c] = e
            errors[:, c] += np.nansum(np.abs(e), axis=1)
            if name in fails:
                failed[:, c] |= fails[name] != ""
        actual_sum += np.nansum(actual, axis=1)
    final, fails = candidate_forecasts(
        y, drivers, future, settings, boosters.get(t), names
    )
    failure = np.full((n, len(names)), "", dtype=object)
    for c, name in enumerate(names):
        if name in fails:
            failure[:, c] = fails[name]
            failed[:, c] |= fails[name] != ""
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
        "failed": failed,
        "failure": failure,
    }


def choose(
    errors: np.ndarray,
    actual: np.ndarray,
    cls: np.ndarray,
    has_window: np.ndarray,
    names: tuple[str, ...],
    selection: str = "class",
    failed: np.ndarray | None = None,
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
    ``failed`` (n, c) marks candidates that failed on a series: their errors
    there are left out of the class totals and they are never chosen for it.
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
    if failed is None or not failed.any():
        failed = None
        weight = actual[:, None]
    else:
        errors = np.where(failed, 0.0, errors)
        weight = np.where(failed, 0.0, actual[:, None])
    score = errors / np.maximum(actual, 1e-9)[:, None]
    if selection != "series":
        score = np.empty_like(errors)
        for c in np.unique(cls):
            m = cls == c
            ok = m & has_window
            if not ok.any():
                score[m] = errors[m]
                continue
            if failed is None:
                class_wape = errors[ok].sum(axis=0) / max(actual[ok].sum(), 1e-9)
            else:
                den = np.maximum(weight[ok].sum(axis=0), 1e-9)
                class_wape = errors[ok].sum(axis=0) / den
            if selection == "class":
                score[m] = class_wape[None, :]
                continue
            prior = max(float(np.median(actual[ok])), 1e-9)
            score[m] = (errors[m] + prior * class_wape[None, :]) / (
                actual[m, None] + prior
            )
    if failed is not None:
        score = np.where(failed, np.inf, score)
    return np.where(has_window, np.argmin(score, axis=1), default)


def fallback(
    y: np.ndarray,
    drivers: dict[str, np.ndarray],
    future: pd.DatetimeIndex,
    settings: Settings,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Forecast, model name and failure message of :data:`FALLBACK` per series.

    A series on which the fallback fails too is forecast 0 (model ``zero``).
    """
    ctx = settings.context(y, drivers, future)
    f, msgs = run_model(registry.get(FALLBACK), ctx)
    model = np.full(len(y), FALLBACK, dtype=object)
    if msgs is not None:
        bad = msgs != ""
        f[bad] = 0.0
        model[bad] = "zero"
    else:
        msgs = np.full(len(y), "", dtype=object)
    return f, model, msgs


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
        "failed": np.zeros((n, 1), dtype=bool),
        "failure": np.full((n, 1), "", dtype=object),
    }


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
