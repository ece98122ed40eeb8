"""Replenishment suggestions from a forecast distribution.

Single item::

    suggest_order(
        forecast,                 # mean demand per period, period 1 = next period
        *,
        on_hand,                  # units in stock now
        on_order=0.0,             # units ordered, not yet received
        lead_time=1,              # periods between ordering and receiving
        review_period=1,          # periods until the next order opportunity
        service_level=0.95,       # target probability of no stock-out per cycle
        pack_size=1.0,            # order in multiples of this
        moq=0.0,                  # minimum order quantity (units)
        shelf_life=None,          # periods a received unit stays sellable
        p10=None, p90=None,       # forecast quantiles per period (optional)
    ) -> OrderSuggestion          # .order_up_to, .suggested_qty, .explanation,
                                  # .to_dict()

Batch (numpy arrays, one row per item, same rules)::

    suggest_orders(forecast (n, H), on_hand (n,), ...) -> dict of (n,) arrays

Rules:

* coverage = lead_time + review_period periods; demand over coverage is the
  sum of the mean forecast over those periods (a forecast shorter than the
  coverage is extended with its last value);
* per-period spread sigma = (P90 - P10) / 2.563 when quantiles are given, else
  sqrt(mean) (Poisson); over the coverage sigma = sqrt(sum sigma^2);
* safety stock = z(service_level) * sigma; order-up-to = demand + safety stock;
* raw need = max(0, order-up-to - on_hand - on_order);
* shelf-life cap (when shelf_life is given): the stock position after ordering
  never exceeds the expected demand from now until the new units expire
  (lead_time + shelf_life periods); when the cap binds, rounding to packs goes
  down instead of up;
* rounding up to a multiple of pack_size; a positive quantity below the MOQ is
  raised to the MOQ (rounded up to packs), flagged in the explanation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

import numpy as np
from scipy.stats import norm

from .errors import InputError

Z_SPREAD = 2 * 1.2815515655446004


@dataclass
class OrderSuggestion:
    """Result of :func:`suggest_order`."""

    order_up_to: float
    suggested_qty: float
    explanation: dict

    def to_dict(self) -> dict:
        """Plain dict (JSON-serialisable floats, ints and bools)."""
        return asdict(self)


def _as_rows(value, n: int, name: str) -> np.ndarray:
    arr = np.broadcast_to(np.asarray(value, dtype=np.float64), (n,)).copy()
    if np.isnan(arr).any() and name != "shelf_life":
        raise InputError("must not be NaN", column=name)
    return arr


def _coverage_sum(values: np.ndarray, periods: np.ndarray) -> np.ndarray:
    """Sum of the first ``periods`` columns of each row (last column repeated)."""
    n, width = values.shape
    cum = np.cumsum(values, axis=1)
    inside = np.minimum(periods, width).astype(int)
    head = np.where(inside > 0, cum[np.arange(n), np.maximum(inside - 1, 0)], 0.0)
    return head + np.maximum(periods - width, 0) * values[:, -1]


def suggest_orders(
    forecast: np.ndarray,
    on_hand,
    on_order=0.0,
    lead_time=1,
    review_period=1,
    service_level=0.95,
    pack_size=1.0,
    moq=0.0,
    shelf_life=None,
    p10: np.ndarray | None = None,
    p90: np.ndarray | None = None,
) -> dict[str, np.ndarray]:
    """Vectorised :func:`suggest_order`: one row per item, arrays of (n,)."""
    fc = np.atleast_2d(np.asarray(forecast, dtype=np.float64))
    n = fc.shape[0]
    if fc.shape[1] == 0 or np.isnan(fc).any() or (fc < 0).any():
        raise InputError(
            "forecast must be non-empty, non-negative numbers", column="forecast"
        )
    on_hand = _as_rows(on_hand, n, "on_hand")
    on_order = _as_rows(on_order, n, "on_order")
    lead = _as_rows(lead_time, n, "lead_time")
    review = _as_rows(review_period, n, "review_period")
    level = _as_rows(service_level, n, "service_level")
    pack = _as_rows(pack_size, n, "pack_size")
    moq = _as_rows(moq, n, "moq")
    life = _as_rows(np.nan if shelf_life is None else shelf_life, n, "shelf_life")
    if (lead < 0).any() or (review < 1).any():
        raise InputError(
            "lead_time must be >= 0 and review_period >= 1", column="lead_time"
        )
    if ((level <= 0) | (level >= 1)).any():
        raise InputError("service_level must be in (0, 1)", column="service_level")
    if (pack <= 0).any() or (moq < 0).any():
        raise InputError("pack_size must be > 0 and moq >= 0", column="pack_size")
    if (life <= 0).any():
        raise InputError("shelf_life must be > 0", column="shelf_life")
    if p10 is not None and p90 is not None:
        spread = np.atleast_2d(np.asarray(p90, float)) - np.atleast_2d(
            np.asarray(p10, float)
        )
        var = (np.maximum(spread, 0.0) / Z_SPREAD) ** 2
    else:
        var = fc.copy()
    coverage = lead + review
    demand = _coverage_sum(fc, coverage)
    sigma = np.sqrt(_coverage_sum(var, coverage))
    z = norm.ppf(level)
    safety = np.maximum(z * sigma, 0.0)
    order_up_to = demand + safety
    position = on_hand + on_order
    raw = np.maximum(order_up_to - position, 0.0)
    has_life = ~np.isnan(life)
    cap = np.where(
        has_life,
        np.maximum(_coverage_sum(fc, lead + np.nan_to_num(life)) - position, 0.0),
        np.inf,
    )
    capped = raw > cap
    qty = np.minimum(raw, cap)
    packs = np.where(capped, np.floor(qty / pack + 1e-9), np.ceil(qty / pack - 1e-9))
    rounded = packs * pack
    moq_applied = (rounded > 0) & (rounded < moq)
    final = np.where(moq_applied, np.ceil(moq / pack - 1e-9) * pack, rounded)
    return {
        "coverage_periods": coverage,
        "demand_over_coverage": demand,
        "sigma_over_coverage": sigma,
        "z": z,
        "safety_stock": safety,
        "order_up_to": order_up_to,
        "on_hand": on_hand,
        "on_order": on_order,
        "inventory_position": position,
        "raw_need": raw,
        "shelf_life_cap": cap,
        "shelf_life_capped": capped,
        "pack_size": pack,
        "rounding": rounded - qty,
        "moq": moq,
        "moq_applied": moq_applied,
        "moq_added": final - rounded,
        "suggested_qty": final,
    }


def suggest_order(
    forecast: Sequence[float],
    *,
    on_hand: float,
    on_order: float = 0.0,
    lead_time: int = 1,
    review_period: int = 1,
    service_level: float = 0.95,
    pack_size: float = 1.0,
    moq: float = 0.0,
    shelf_life: int | None = None,
    p10: Sequence[float] | None = None,
    p90: Sequence[float] | None = None,
) -> OrderSuggestion:
    """Order suggestion for one item (rules in the module docstring)."""
    out = suggest_orders(
        np.asarray(forecast, dtype=np.float64)[None, :],
        on_hand,
        on_order,
        lead_time,
        review_period,
        service_level,
        pack_size,
        moq,
        shelf_life,
        None if p10 is None else np.asarray(p10, dtype=np.float64)[None, :],
        None if p90 is None else np.asarray(p90, dtype=np.float64)[None, :],
    )
    explanation = {}
    for key, val in out.items():
        v = val[0] if np.ndim(val) else val
        if isinstance(v, np.bool_ | bool):
            explanation[key] = bool(v)
        elif np.isinf(v):
            explanation[key] = None
        else:
            explanation[key] = round(float(v), 6)
    return OrderSuggestion(
        order_up_to=explanation["order_up_to"],
        suggested_qty=explanation["suggested_qty"],
        explanation=explanation,
    )
