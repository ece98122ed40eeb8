"""BOH forecasting and replenishment engine (pure Python, no Odoo import).

Public API (everything else is internal and may change)::

    import boh_engine as be

    result = be.forecast(history, horizon=14)      # Result: per-series arrays
    result.table()                                 # long table with P10/P50/P90
    summary, details = be.backtest(history, 14, origins=4, methods=["auto", "snaive"])
    orders = be.suggest(result.forecast, on_hand=stock, lead_time=2, p90=result.p90)
    kpis = be.simulate(demand, be.simulation.par_policy(par), lead_time=2)

``history`` is a long table (DataFrame or CSV path) with columns ``store``,
``item``, ``date``, ``qty`` and optional ``stockout``, ``promo``, ``holiday``,
``temperature``, or an already built :class:`Panel`. Models are registered by
name in :data:`MODELS` (:func:`register_model` adds one); backends in
:data:`BACKENDS`. Accuracy metrics: :mod:`boh_engine.metrics`. Bad input raises
:class:`InputError` (file, row and column).
"""

from __future__ import annotations

import importlib
from pathlib import Path

import numpy as np
import pandas as pd

from . import metrics
from .backends import BACKENDS, Backend
from .backtest import backtest as _backtest
from .data import Panel, build_panel, load_panel, validate
from .engine import FALLBACK, METHODS, Result, forecast_panel
from .errors import InputError
from .registry import MODELS, Model
from .registry import register as register_model

__all__ = [
    "BACKENDS",
    "FALLBACK",
    "METHODS",
    "MODELS",
    "Backend",
    "InputError",
    "Model",
    "Panel",
    "Result",
    "backtest",
    "forecast",
    "metrics",
    "register_model",
    "simulate",
    "simulation",
    "suggest",
]


def _panel(data, freq: str, horizon: int = 0) -> Panel:
    if isinstance(data, Panel):
        return data
    if isinstance(data, str | Path):
        return load_panel(data, freq, horizon)
    if isinstance(data, pd.DataFrame):
        return build_panel(validate(data), freq, horizon)
    raise InputError(
        f"history must be a Panel, a DataFrame or a CSV path, not {type(data).__name__}"
    )


def forecast(
    data, horizon: int, *, freq: str = "D", method: str = "auto", **options
) -> Result:
    """Forecast every series of ``data`` ``horizon`` periods ahead.

    ``method``: ``auto`` (per-series choice among the candidates) or the name of
    one registered model. ``options`` are those of
    :func:`boh_engine.engine.forecast_panel` (``candidates``, ``workers``,
    ``backend``, ``selection``, ``use_prophet``, ``seed``...). A series whose
    model fails is forecast with :data:`FALLBACK`; ``Result.fallback`` says why.
    """
    return forecast_panel(_panel(data, freq, horizon), horizon, method, **options)


def backtest(
    data,
    horizon: int,
    origins: int = 4,
    methods=("auto",),
    *,
    freq: str = "D",
    **options,
) -> tuple[pd.DataFrame, dict]:
    """Rolling-origin backtest: summary table (WAPE, MASE, bias, coverage...)
    per method and the per-method arrays; see :mod:`boh_engine.backtest`."""
    return _backtest(_panel(data, freq), horizon, origins, list(methods), **options)


def suggest(forecast, on_hand, **options) -> dict[str, np.ndarray]:
    """Order suggestions for n items from their (n, h) forecasts.

    Same arguments as :func:`boh_engine.policy.suggest_orders` (``on_order``,
    ``lead_time``, ``review_period``, ``service_level``, ``pack_size``, ``moq``,
    ``shelf_life``, ``p10``, ``p90``); returns its explanation columns.
    """
    from .policy import suggest_orders  # scipy.stats: imported when needed

    return suggest_orders(forecast, on_hand, **options)


def simulate(
    demand,
    policy,
    lead_time: int,
    review: int = 1,
    shelf_life: int | None = None,
    initial=None,
) -> dict[str, float]:
    """Replay ``demand`` (n, days) under ``policy``; fill rate, stock, waste...

    ``policy(day, on_hand, on_order)`` returns the order per series; ready-made
    ones: :func:`boh_engine.simulation.minmax_policy`, ``par_policy``,
    ``forecast_policy``. See :func:`boh_engine.simulation.replay`.
    """
    from .simulation import replay

    return replay(
        np.asarray(demand, dtype=np.float64),
        policy,
        lead_time,
        review,
        shelf_life,
        initial,
    )


def __getattr__(name: str):
    # ``boh_engine.simulation`` on demand: it imports scipy.stats (~50 MB),
    # which a forecast run does not need
    if name == "simulation":
        return importlib.import_module(".simulation", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
