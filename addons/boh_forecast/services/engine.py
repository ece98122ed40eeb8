"""The only module that talks to ``boh_engine``.

Every call into the forecasting and replenishment engine goes through the
functions below, which take and return plain Python / numpy data, so that a
change of the engine's API touches this file only.
"""

import logging
from datetime import date, timedelta

import numpy as np

_logger = logging.getLogger(__name__)

try:
    import pandas as pd
    from boh_engine import data as engine_data
    from boh_engine import engine as engine_core
    from boh_engine import policy as engine_policy
    from boh_engine.errors import InputError
except ImportError:  # pragma: no cover - declared in external_dependencies
    engine_data = engine_core = engine_policy = pd = None

    class InputError(ValueError):
        pass


# Fast models used by default; LightGBM ("lgbm", "combo") and Prophet are
# opt-in through the boh_forecast.candidates system parameter.
DEFAULT_CANDIDATES = ("snaive", "ma", "ets", "theta", "croston", "sba", "tsb")
DRIVER_COLUMNS = ("promo", "holiday", "temperature")


class EngineError(Exception):
    """A failure of the engine for some series; ``message`` is user-readable."""


def available_models():
    """Names of the models the engine can run (for the configuration help)."""
    return tuple(engine_core.SINGLE) if engine_core else DEFAULT_CANDIDATES


def _frame(rows, origin):
    """Long history DataFrame; every item gets a row on the day before origin.

    The engine builds its calendar from the dates present: the zero row pins
    the end of the history to the day before ``origin`` even when nothing was
    sold that day (a missing day is zero sales anyway).
    """
    items = np.asarray(rows["item"], dtype=np.int64)
    frame = {
        "store": np.zeros(len(items), dtype=np.int64),
        "item": items,
        "date": np.asarray(rows["date"], dtype="datetime64[D]"),
        "qty": np.asarray(rows["qty"], dtype=np.float64),
        "stockout": np.asarray(rows.get("stockout", np.zeros(len(items))), float),
    }
    for col in DRIVER_COLUMNS:
        if col in rows:
            frame[col] = np.asarray(rows[col], dtype=np.float64)
    last = np.datetime64(origin - timedelta(days=1), "D")
    uniq = np.unique(items)
    pin = {
        "store": np.zeros(len(uniq), dtype=np.int64),
        "item": uniq,
        "date": np.full(len(uniq), last),
        "qty": np.zeros(len(uniq)),
        "stockout": np.zeros(len(uniq)),
    }
    for col in DRIVER_COLUMNS:
        if col in frame:
            pin[col] = np.zeros(len(uniq))
    df = pd.DataFrame(frame)
    df = pd.concat([df, pd.DataFrame(pin)], ignore_index=True)
    return df[df["date"] <= last]


def _future(future, items, origin, horizon):
    if not future:
        return None
    dates = np.asarray(future["date"], dtype="datetime64[D]")
    out = {
        "store": np.zeros(len(dates), dtype=np.int64),
        "item": np.asarray(future["item"], dtype=np.int64),
        "date": dates,
    }
    for col in DRIVER_COLUMNS:
        if col in future:
            out[col] = np.asarray(future[col], dtype=np.float64)
    return out


def _run(df, future, horizon, candidates, method):
    table = engine_data.validate(df)
    panel = engine_data.build_panel(table, "D", horizon, future)
    return engine_core.forecast_panel(
        panel,
        int(horizon),
        method,
        candidates=tuple(candidates),
        workers=1,
        backend="inline",
        progress=False,
    )


def _collect(result, out):
    table = result.table()
    for col in ("item", "qty", "p10", "p50", "p90", "model"):
        out[col].append(table[col].to_numpy())
    out["date"].append(table["date"].to_numpy())
    series = result.series_table()
    for item, model, cls, wape, fallback in zip(
        series["item"],
        series["model"],
        series["class"],
        series["backtest_wape"],
        series["fallback"],
    ):
        out["series"][int(item)] = {
            "model": str(model),
            "demand_class": str(cls),
            "backtest_wape": None if pd.isna(wape) else float(wape),
            "fallback": str(fallback),
        }


def forecast_store(
    history, origin, horizon, future=None, candidates=None, method="auto"
):
    """Forecast every item of one store from ``origin`` for ``horizon`` days.

    ``history``: dict of equal-length sequences ``item`` (product id), ``date``,
    ``qty``, ``stockout`` (1 = censored day) and optional drivers ``promo``,
    ``holiday``, ``temperature``.  ``future``: same drivers for the forecast
    days (``item``, ``date``, driver columns).

    Returns ``(forecasts, series, errors)``: ``forecasts`` a dict of numpy arrays
    ``item``, ``date`` (``datetime.date``), ``qty``, ``p10``, ``p50``, ``p90``,
    ``model``; ``series`` ``{item: {"model", "demand_class", "backtest_wape",
    "fallback"}}``; ``errors`` ``{item: message}`` for the items whose chosen
    model failed: the engine forecast them with its fallback model (they are in
    ``forecasts``, not in ``series``) and the message says which model failed,
    why, and which one was used. When the engine refuses the whole store (bad
    input), every item is in ``errors`` and nothing is forecast.
    """
    if engine_core is None:
        raise EngineError("The boh_engine Python package is not installed.")
    candidates = tuple(candidates or DEFAULT_CANDIDATES)
    df = _frame(history, origin)
    out = {k: [] for k in ("item", "date", "qty", "p10", "p50", "p90", "model")}
    out["series"] = {}
    errors = {}
    items = np.unique(df["item"].to_numpy())
    if len(items):
        try:
            result = _run(
                df, _future(future, None, origin, horizon), horizon, candidates, method
            )
        except Exception as exc:  # noqa: BLE001 - reported per item, run goes on
            errors = {int(item): _message(exc) for item in items}
        else:
            _collect(result, out)
            # the engine fell back to a simpler model for these items: say why
            for item, info in list(out["series"].items()):
                if info["fallback"]:
                    errors[item] = info["fallback"]
                    del out["series"][item]
    if not out["item"]:
        empty = np.zeros(0)
        forecasts = {k: empty for k in ("item", "qty", "p10", "p50", "p90")}
        forecasts.update(date=np.zeros(0, dtype=object), model=np.zeros(0, object))
        return forecasts, out["series"], errors
    forecasts = {k: np.concatenate(out[k]) for k in out if k != "series"}
    forecasts["item"] = forecasts["item"].astype(np.int64)
    forecasts["date"] = np.array(
        [date.fromisoformat(d) for d in forecasts["date"]], dtype=object
    )
    return forecasts, out["series"], errors


def _message(exc):
    if isinstance(exc, InputError | EngineError):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"


def suggest_orders(*args, **kwargs):
    """Order suggestions for n items at once: ``boh_engine.policy.suggest_orders``.

    Arguments as the engine's: ``forecast`` and the ``p10``/``p90`` keywords
    are (n, H) mean and quantiles per day starting today; ``on_hand``,
    ``on_order``, ``lead_time``, ``review_period``, ``service_level``,
    ``pack_size``, ``moq``, ``shelf_life`` are (n,) arrays or lists (the
    engine makes them float arrays; ``shelf_life`` NaN = none).  Returns the
    engine's explanation columns (``suggested_qty``,
    ``demand_over_coverage``, ``safety_stock``, ``order_up_to``, ``rounding``,
    ``shelf_life_cap``, ``shelf_life_capped``, ``moq_applied``, ...).
    """
    if engine_policy is None:
        raise EngineError("The boh_engine Python package is not installed.")
    return engine_policy.suggest_orders(*args, **kwargs)
