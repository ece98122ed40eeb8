"""Inventory simulation: replay real demand day by day under a policy.

All series are simulated together (numpy over series, loop over days). Each day:

1. orders due today arrive (placed ``lead_time`` days before, at day end);
2. demand is served first-in first-out from the stock batches; unmet demand is
   lost (no backorders) and the day counts as a stock-out day for that series;
3. units that reached ``shelf_life`` days of age are thrown away (waste);
4. on review days (every ``review`` days) the policy sees on-hand and on-order
   stock and places an order, which arrives ``lead_time`` days later.

Policies: :func:`minmax_policy` (order up to S when the position falls to s or
below), :func:`par_policy` (order up to a fixed par level every review) and
:func:`forecast_policy` (order-up-to from the forecast distribution through
:func:`boh_engine.policy.suggest_orders`, with the shelf-life cap).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from scipy.stats import norm

from .policy import suggest_orders

OrderFn = Callable[[int, np.ndarray, np.ndarray], np.ndarray]


def replay(
    demand: np.ndarray,
    order_fn: OrderFn,
    lead_time: int,
    review: int = 1,
    shelf_life: int | None = None,
    initial: np.ndarray | None = None,
) -> dict[str, float]:
    """Simulate ``demand`` (n, days) under ``order_fn``; return KPIs.

    ``order_fn(day, on_hand, on_order)`` returns the order quantity per series.
    ``initial`` is the starting stock (age 0). KPIs: fill_rate (units sold /
    demand), stockout_days (series-days with lost sales), average_stock (mean
    end-of-day units per series), waste (units expired), orders (orders placed).
    """
    n, days = demand.shape
    ages = shelf_life if shelf_life else 1
    stock = np.zeros((n, ages))
    if initial is not None:
        stock[:, 0] = initial
    pipeline = np.zeros((n, max(lead_time, 1)))
    sold = lost_days = waste = orders = stock_sum = 0.0
    for day in range(days):
        stock[:, 0] += pipeline[:, 0]
        pipeline = np.roll(pipeline, -1, axis=1)
        pipeline[:, -1] = 0.0
        need = demand[:, day].astype(np.float64)
        for a in range(ages - 1, -1, -1):
            take = np.minimum(stock[:, a], need)
            stock[:, a] -= take
            need -= take
        sold += float(demand[:, day].sum() - need.sum())
        lost_days += float(np.sum(need > 1e-9))
        if shelf_life:
            waste += float(stock[:, -1].sum())
            stock = np.roll(stock, 1, axis=1)
            stock[:, 0] = 0.0
        stock_sum += float(stock.sum())
        if day % review == 0:
            qty = np.maximum(order_fn(day, stock.sum(axis=1), pipeline.sum(axis=1)), 0)
            orders += float(np.sum(qty > 0))
            if lead_time == 0:
                stock[:, 0] += qty
            else:
                pipeline[:, lead_time - 1] += qty
    total = float(demand.sum())
    return {
        "fill_rate": sold / total if total > 0 else 1.0,
        "stockout_days": int(lost_days),
        "average_stock": stock_sum / (n * days),
        "waste": waste,
        "orders": int(orders),
        "demand": total,
        "sold": sold,
    }


def _packs(qty: np.ndarray, pack: float) -> np.ndarray:
    return np.ceil(np.maximum(qty, 0.0) / pack - 1e-9) * pack


def minmax_policy(s: np.ndarray, big_s: np.ndarray, pack: float = 1.0) -> OrderFn:
    """Order up to ``big_s`` when on-hand + on-order is at or below ``s``."""

    def order(day, on_hand, on_order):
        position = on_hand + on_order
        return np.where(position <= s, _packs(big_s - position, pack), 0.0)

    return order


def par_policy(par: np.ndarray, pack: float = 1.0) -> OrderFn:
    """Order up to a fixed ``par`` level at every review."""

    def order(day, on_hand, on_order):
        return _packs(par - on_hand - on_order, pack)

    return order


def demand_stats(
    history: np.ndarray, window: int = 91
) -> tuple[np.ndarray, np.ndarray]:
    """Mean and standard deviation of daily demand over the last ``window`` days."""
    tail = history[:, -window:].astype(np.float64)
    return np.nanmean(tail, axis=1), np.nanstd(tail, axis=1)


def classic_levels(
    mean: np.ndarray,
    std: np.ndarray,
    lead_time: int,
    review: int,
    z: float,
    extent_days: float,
) -> tuple[np.ndarray, np.ndarray]:
    """Textbook min/max: s = mean*(L+R) + z*std*sqrt(L+R), S = s + mean*extent."""
    cover = lead_time + review
    s = mean * cover + z * std * np.sqrt(cover)
    return s, s + mean * extent_days


def service_z(service_level: float) -> float:
    """Normal quantile of a service level."""
    return float(norm.ppf(service_level))


def forecast_policy(
    forecasts: Callable[[int], tuple[np.ndarray, np.ndarray, np.ndarray]],
    lead_time: int,
    review: int,
    service_level: float,
    shelf_life: int | None = None,
    pack: float = 1.0,
) -> OrderFn:
    """Order-up-to from forecasts; ``forecasts(day)`` gives mean, P10, P90 (n, H)
    for the days after ``day``."""

    def order(day, on_hand, on_order):
        mean, p10, p90 = forecasts(day)
        out = suggest_orders(
            mean,
            on_hand,
            on_order,
            lead_time,
            review,
            service_level,
            pack,
            0.0,
            shelf_life,
            p10,
            p90,
        )
        return out["suggested_qty"]

    return order
