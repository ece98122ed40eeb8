"""Local forecasting models, vectorised over all series at once.

Every function takes ``y``, a float (n_series, n_periods) array of demand with
NaN before each series starts (never after), and returns an (n_series, h) array
of mean forecasts. The recursions loop over time and do numpy operations on all
series together: for 100,000 daily series this is roughly a thousand times
faster than calling a per-series library in a Python loop, which is why the
automatic engine uses these. The same models fitted one series at a time by
statsforecast are available in :mod:`boh_engine.sf_models` (tests check that
both agree).

Models: seasonal naive, moving average with a seasonal (day-of-week) profile,
ETS (simple exponential smoothing on the deseasonalised series, smoothing
parameter chosen per series by in-sample one-step error), Theta (SES with half
the linear drift, Hyndman & Billah 2003), Croston, SBA and TSB for intermittent
demand. Promotions are handled by :func:`promo_adjust`: history is divided by
the series' promotion lift before fitting, forecasts multiplied back on
promoted periods.
"""

from __future__ import annotations

import numpy as np

ALPHAS = np.array([0.02, 0.05, 0.1, 0.2, 0.3, 0.5])


def last_valid_mean(y: np.ndarray, window: int) -> np.ndarray:
    """Mean of the last ``window`` periods of each series (ignoring NaN), 0 if none."""
    tail = y[:, -window:]
    cnt = np.sum(~np.isnan(tail), axis=1)
    tot = np.nansum(tail, axis=1)
    return np.where(cnt > 0, tot / np.maximum(cnt, 1), 0.0)


def seasonal_naive(y: np.ndarray, h: int, season: int) -> np.ndarray:
    """Repeat the last season; series shorter than a season get their mean."""
    t = y.shape[1]
    season = min(season, t)
    last = y[:, t - season :]
    fill = last_valid_mean(y, t)
    last = np.where(np.isnan(last), fill[:, None], last)
    return last[:, np.arange(h) % season]


def seasonal_profile(y: np.ndarray, season: int, n_seasons: int = 8) -> np.ndarray:
    """Multiplicative profile (n, season) aligned so column j is period t + j.

    Mean of each season position over the last ``n_seasons`` full seasons divided
    by the overall mean, shrunk towards 1 when little data; 1 when season is 1.
    """
    n, t = y.shape
    if season <= 1 or t < season:
        return np.ones((n, max(season, 1)))
    k = min(n_seasons, t // season)
    tail = y[:, t - k * season :].reshape(n, k, season)
    cnt = np.sum(~np.isnan(tail), axis=1)
    pos_mean = np.nansum(tail, axis=1) / np.maximum(cnt, 1)
    overall = np.nansum(tail, axis=(1, 2)) / np.maximum(cnt.sum(axis=1), 1)
    with np.errstate(invalid="ignore", divide="ignore"):
        prof = pos_mean / overall[:, None]
    weight = cnt / (cnt + 2.0)
    prof = np.where(np.isfinite(prof), weight * prof + (1 - weight), 1.0)
    return prof


def profile_for_horizon(profile: np.ndarray, h: int, offset: int = 0) -> np.ndarray:
    """Profile values for the h periods following the history (n, h)."""
    season = profile.shape[1]
    return profile[:, (np.arange(h) + offset) % season]


def deseasonalise(y: np.ndarray, profile: np.ndarray) -> np.ndarray:
    """Divide history by the profile (aligned on the end of the history)."""
    t = y.shape[1]
    season = profile.shape[1]
    idx = (np.arange(t) - t) % season
    prof = np.maximum(profile[:, idx], 1e-3)
    return y / prof


def moving_average(y: np.ndarray, h: int, season: int, window: int) -> np.ndarray:
    """Mean of the last ``window`` periods times the seasonal profile."""
    level = last_valid_mean(y, window)
    prof = profile_for_horizon(seasonal_profile(y, season), h)
    return level[:, None] * prof


def ses_states(y: np.ndarray, alphas: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Simple exponential smoothing for several smoothing parameters at once.

    Returns the final level (n, g) and the in-sample one-step squared error sum
    (n, g) for the g values of ``alphas``. The level starts at the first value.
    """
    n, t = y.shape
    a = np.asarray(alphas, dtype=np.float64)[None, :]
    level = np.full((n, a.shape[1]), np.nan)
    sse = np.zeros_like(level)
    for j in range(t):
        v = y[:, j : j + 1]
        err = v - level
        ok = ~np.isnan(err)
        sse += np.where(ok, err * err, 0.0)
        level = np.where(ok, level + a * np.where(ok, err, 0.0), level)
        level = np.where(np.isnan(level), v, level)
    return np.nan_to_num(level, nan=0.0), sse


def ses(y: np.ndarray, h: int, alpha: float) -> np.ndarray:
    """Simple exponential smoothing with a fixed parameter (flat forecast)."""
    level, _ = ses_states(y, np.array([alpha]))
    return np.repeat(level, h, axis=1)


def ets(y: np.ndarray, h: int, season: int) -> np.ndarray:
    """ETS(A,N,M)-like: SES on the deseasonalised series, alpha chosen per series."""
    return ets_and_theta(y, h, season)[0]


def theta(y: np.ndarray, h: int, season: int) -> np.ndarray:
    """Standard Theta method on the deseasonalised series (non-negative)."""
    return ets_and_theta(y, h, season)[1]


def ets_and_theta(y: np.ndarray, h: int, season: int) -> tuple[np.ndarray, np.ndarray]:
    """ETS and Theta forecasts sharing one smoothing pass (they differ only by
    Theta's drift: half the linear slope of the deseasonalised series)."""
    prof = seasonal_profile(y, season)
    z = deseasonalise(y, prof)
    level, sse = ses_states(z, ALPHAS)
    best = np.argmin(sse, axis=1)
    lev = level[np.arange(len(level)), best]
    alpha = ALPHAS[best]
    n_obs = np.sum(~np.isnan(z), axis=1)
    b0 = linear_slope(z)
    steps = np.arange(1, h + 1)[None, :]
    drift = (b0 / 2)[:, None] * (
        steps - 1 + 1 / alpha[:, None] - ((1 - alpha) ** n_obs / alpha)[:, None]
    )
    season_h = profile_for_horizon(prof, h)
    ets_f = np.maximum(lev, 0.0)[:, None] * season_h
    theta_f = np.maximum(lev[:, None] + drift, 0.0) * season_h
    return ets_f, theta_f


def linear_slope(y: np.ndarray) -> np.ndarray:
    """Least-squares slope over time of each series, ignoring NaN."""
    t = y.shape[1]
    x = np.arange(t, dtype=np.float64)[None, :]
    ok = ~np.isnan(y)
    cnt = ok.sum(axis=1)
    xm = np.where(ok, x, 0.0).sum(axis=1) / np.maximum(cnt, 1)
    ym = np.nansum(y, axis=1) / np.maximum(cnt, 1)
    dx = np.where(ok, x - xm[:, None], 0.0)
    dy = np.where(ok, y - ym[:, None], 0.0)
    den = np.sum(dx * dx, axis=1)
    return np.where(den > 0, np.sum(dx * dy, axis=1) / np.where(den > 0, den, 1), 0.0)


def croston_states(y: np.ndarray, alpha: float) -> tuple[np.ndarray, np.ndarray]:
    """Croston's smoothed demand size and inter-demand interval (n,), (n,)."""
    n, t = y.shape
    size = np.full(n, np.nan)
    interval = np.full(n, np.nan)
    gap = np.ones(n)
    for j in range(t):
        v = y[:, j]
        hit = v > 0
        first = hit & np.isnan(size)
        upd = hit & ~first
        size = np.where(first, v, np.where(upd, size + alpha * (v - size), size))
        interval = np.where(
            first, gap, np.where(upd, interval + alpha * (gap - interval), interval)
        )
        gap = np.where(hit, 1.0, np.where(np.isnan(v), gap, gap + 1.0))
    return np.nan_to_num(size, nan=0.0), np.nan_to_num(interval, nan=1.0)


def croston(y: np.ndarray, h: int, alpha: float = 0.1) -> np.ndarray:
    """Croston's method: smoothed size / smoothed interval."""
    size, interval = croston_states(y, alpha)
    return np.repeat((size / np.maximum(interval, 1.0))[:, None], h, axis=1)


def sba(y: np.ndarray, h: int, alpha: float = 0.1) -> np.ndarray:
    """Syntetos-Boylan approximation: Croston times (1 - alpha / 2)."""
    return croston(y, h, alpha) * (1 - alpha / 2)


def tsb(
    y: np.ndarray, h: int, alpha_d: float = 0.1, alpha_p: float = 0.1
) -> np.ndarray:
    """Teunter-Syntetos-Babai: smoothed probability times smoothed size."""
    n, t = y.shape
    size = np.full(n, np.nan)
    prob = np.full(n, np.nan)
    for j in range(t):
        v = y[:, j]
        ok = ~np.isnan(v)
        hit = v > 0
        prob = np.where(
            ok, np.where(np.isnan(prob), hit * 1.0, prob + alpha_p * (hit - prob)), prob
        )
        size = np.where(
            hit, np.where(np.isnan(size), v, size + alpha_d * (v - size)), size
        )
    f = np.nan_to_num(prob, nan=0.0) * np.nan_to_num(size, nan=0.0)
    return np.repeat(f[:, None], h, axis=1)


def promo_lift(y: np.ndarray, promo: np.ndarray, prior: float = 10.0) -> np.ndarray:
    """Per-series multiplicative promotion lift, shrunk towards 1, in [1/3, 5].

    ``promo`` is (n, t) aligned with ``y``; the lift compares mean demand on and
    off promotion with ``prior`` pseudo-observations at lift 1.
    """
    ok = ~np.isnan(y)
    on = ok & (promo > 0)
    off = ok & (promo <= 0)
    yv = np.where(ok, y, 0.0)
    n_on = on.sum(axis=1)
    n_off = off.sum(axis=1)
    mean_off = np.where(n_off > 0, (yv * off).sum(axis=1) / np.maximum(n_off, 1), 0.0)
    sum_on = (yv * on).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        lift = (sum_on + prior * mean_off) / (mean_off * (n_on + prior))
    lift = np.where((mean_off > 0) & np.isfinite(lift), lift, 1.0)
    return np.clip(lift, 1 / 3, 5.0)


def promo_adjust(
    y: np.ndarray, promo: np.ndarray, h: int
) -> tuple[np.ndarray, np.ndarray]:
    """History divided by the promotion lift, and the (n, h) future multipliers.

    ``promo`` is (n, t + h): history then forecast periods. Fit a model on the
    adjusted history and multiply its forecast by the multipliers.
    """
    t = y.shape[1]
    lift = promo_lift(y, promo[:, :t])
    hist = np.where(promo[:, :t] > 0, lift[:, None], 1.0)
    fut = np.where(promo[:, t : t + h] > 0, lift[:, None], 1.0)
    return y / hist, fut
