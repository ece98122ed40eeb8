"""Prophet wrapper (optional dependency ``boh-engine[prophet]``).

One Prophet model per series, fitted on the observed history with Prophet's
default seasonality settings (yearly seasonality once there are two years of
history, as in both benchmark data sets; weekly seasonality for daily data,
while for weekly data a day-of-week term cannot be estimated and Prophet
leaves it out), the promotion flag as an extra regressor when it varies, and
Prophet's defaults otherwise. P10 and P90 are
Prophet's own 80% interval. Prophet is slow (about 10-20 series/s per core), so
the automatic engine does not use it unless asked (``use_prophet``), and then
only for series with at least two years of history and varying promotions.
"""

from __future__ import annotations

import logging
import warnings

import numpy as np
import pandas as pd

MIN_YEARS = 2.0


def _quiet_prophet_import() -> None:
    """prophet logs an ERROR at import when plotly (used only by its interactive
    plots, which the engine never draws) is missing: keep that line out."""
    logging.getLogger("prophet.plot").setLevel(logging.CRITICAL)


def available() -> bool:
    """True when the prophet package can be imported."""
    _quiet_prophet_import()
    try:
        import prophet  # noqa: F401
    except ImportError:
        return False
    return True


def eligible(y: np.ndarray, promo: np.ndarray | None, freq: str) -> np.ndarray:
    """Series whose history and drivers justify Prophet in the automatic choice."""
    per_year = 365 if freq == "D" else 52
    long = np.sum(~np.isnan(y), axis=1) >= MIN_YEARS * per_year
    if promo is None:
        return long
    t = y.shape[1]
    share = promo[:, :t].mean(axis=1)
    return long & (share > 0.05) & (share < 0.95)


def fit_predict_one(
    y: np.ndarray,
    dates: pd.DatetimeIndex,
    future: pd.DatetimeIndex,
    promo: np.ndarray | None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Mean, P10, P90 for one series (history may start with NaN)."""
    _quiet_prophet_import()
    from prophet import Prophet

    for name in ("prophet", "cmdstanpy"):
        logging.getLogger(name).setLevel(logging.ERROR)
    ok = ~np.isnan(y)
    h = len(future)
    if ok.sum() < 2:
        level = float(np.nanmean(y)) if ok.any() else 0.0
        flat = np.full(h, level)
        return flat, flat, flat
    t = len(y)
    df = pd.DataFrame({"ds": dates[ok], "y": y[ok]})
    fut = pd.DataFrame({"ds": future})
    use_promo = promo is not None and np.ptp(promo[:t][ok]) > 0
    model = Prophet(interval_width=0.8)
    if use_promo:
        model.add_regressor("promo")
        df["promo"] = promo[:t][ok]
        fut["promo"] = promo[t : t + h]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model.fit(df)
        pred = model.predict(fut)
    return (
        np.maximum(pred["yhat"].to_numpy(), 0.0),
        np.maximum(pred["yhat_lower"].to_numpy(), 0.0),
        np.maximum(pred["yhat_upper"].to_numpy(), 0.0),
    )


def forecast(
    y: np.ndarray,
    dates: pd.DatetimeIndex,
    future: pd.DatetimeIndex,
    promo: np.ndarray | None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Mean, P10, P90 arrays (n, h) fitting one Prophet model per series."""
    out = [
        fit_predict_one(y[i], dates, future, None if promo is None else promo[i])
        for i in range(y.shape[0])
    ]
    return tuple(np.array([o[k] for o in out]) for k in range(3))
