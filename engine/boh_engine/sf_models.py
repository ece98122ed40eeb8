"""statsforecast models fitted one series at a time.

Used for ``autoets`` and ``autotheta`` (statsforecast's AutoETS and AutoTheta,
full model selection per series) when asked for by name, and by the tests to
check the vectorised models of :mod:`boh_engine.models` against the reference
implementations. About 50-200 series/s per core on daily data: fine for a store,
too slow for the 100,000-series bar, hence the vectorised models in auto.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

SF_MODELS = ("autoets", "autotheta")


def _model(name: str, season: int):
    from statsforecast.models import AutoETS, AutoTheta

    if name == "autoets":
        return AutoETS(season_length=season)
    if name == "autotheta":
        return AutoTheta(season_length=season)
    raise ValueError(f"unknown statsforecast model {name!r}")


def forecast(y: np.ndarray, h: int, season: int, name: str) -> np.ndarray:
    """Forecast (n, h) with a statsforecast model, series by series.

    Leading NaN are dropped; series with fewer than 2 * season + 2 observations
    are fitted without seasonality; empty series forecast 0.
    """
    out = np.zeros((y.shape[0], h))
    for i, row in enumerate(y):
        obs = row[~np.isnan(row)]
        if len(obs) < 3:
            out[i] = obs.mean() if len(obs) else 0.0
            continue
        m = season if len(obs) >= 2 * season + 2 else 1
        model = _model(name, m)
        out[i] = model.forecast(y=obs.astype(np.float64), h=h)["mean"]
    return np.maximum(out, 0.0)


def forecast_frame(y: np.ndarray, h: int, model) -> pd.DataFrame:
    """Run any statsforecast model through ``StatsForecast.forecast`` (n rows)."""
    from statsforecast import StatsForecast

    n, t = y.shape
    df = pd.DataFrame(
        {
            "unique_id": np.repeat(np.arange(n), t),
            "ds": np.tile(np.arange(t), n),
            "y": y.reshape(-1),
        }
    ).dropna()
    res = StatsForecast(models=[model], freq=1).forecast(df=df, h=h)
    return res
