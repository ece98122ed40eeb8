"""Supplier scorecard formulas, in plain Python (no Odoo import).

A *receipt line* is a purchase order line with goods received in the period:
what was ordered, what came, when it was planned and when it came, the price
of the order and the price agreed in the supplier's price list, the lead time
agreed and the number of quality claims on it.  Every figure is a percentage
(0-100) or ``None`` when the period gives nothing to measure it on.
"""

from collections import namedtuple
from datetime import date, timedelta

ReceiptLine = namedtuple(
    "ReceiptLine",
    [
        "ordered_qty",
        "received_qty",
        "planned_date",
        "received_date",
        "order_date",
        "price",
        "agreed_price",
        "agreed_lead_days",
        "claims",
    ],
    defaults=(None, None, None, 0),
)

FIGURES = (
    "lines",
    "on_time",
    "in_full",
    "otif",
    "fill_rate",
    "claims_per_100",
    "price_variance",
    "lead_time_adherence",
)


def _pct(numerator, denominator):
    if not denominator:
        return None
    return 100.0 * numerator / denominator


def is_on_time(line, tolerance_days=0):
    """Received no later than planned (plus the tolerance in days)."""
    return line.received_date <= line.planned_date + timedelta(days=tolerance_days)


def is_in_full(line, tolerance=0.0):
    """Received at least the ordered quantity (less a tolerance fraction)."""
    return line.received_qty >= line.ordered_qty * (1.0 - tolerance) - 1e-9


def compute_scorecard(lines, on_time_days=0, in_full_tolerance=0.0):
    """Return the figures (see ``FIGURES``) of a list of receipt lines."""
    count = on_time = in_full = otif = claims = 0
    ordered = filled = 0.0
    price_base = price_delta = 0.0
    lead_count = lead_ok = 0
    for line in lines:
        count += 1
        ok_time = is_on_time(line, on_time_days)
        ok_full = is_in_full(line, in_full_tolerance)
        on_time += ok_time
        in_full += ok_full
        otif += ok_time and ok_full
        ordered += line.ordered_qty
        filled += min(line.received_qty, line.ordered_qty)
        claims += line.claims or 0
        if line.agreed_price:
            price_base += line.agreed_price * line.received_qty
            price_delta += (line.price - line.agreed_price) * line.received_qty
        if line.agreed_lead_days is not None and line.order_date:
            lead_count += 1
            lead_ok += (
                line.received_date - line.order_date
            ).days <= line.agreed_lead_days
    return {
        "lines": count,
        "on_time": _pct(on_time, count),
        "in_full": _pct(in_full, count),
        "otif": _pct(otif, count),
        "fill_rate": _pct(filled, ordered),
        "claims_per_100": _pct(claims, count),
        "price_variance": _pct(price_delta, price_base),
        "lead_time_adherence": _pct(lead_ok, lead_count),
    }


def periods(date_from, date_to, granularity="month"):
    """Split [date_from, date_to] into consecutive (start, end) periods.

    ``granularity`` is ``week`` (weeks start on Monday) or ``month``.
    """
    if date_from > date_to:
        raise ValueError("date_from is after date_to")
    result = []
    start = date_from
    while start <= date_to:
        if granularity == "week":
            end = start + timedelta(days=6 - start.weekday())
        elif granularity == "month":
            following = date(start.year + start.month // 12, start.month % 12 + 1, 1)
            end = following - timedelta(days=1)
        else:
            raise ValueError(f"unknown granularity {granularity!r}")
        end = min(end, date_to)
        result.append((start, end))
        start = end + timedelta(days=1)
    return result


def trend(lines_by_period, **options):
    """Scorecards of consecutive periods: ``[(period, figures), ...]``."""
    return [
        (period, compute_scorecard(lines, **options))
        for period, lines in lines_by_period
    ]


def rank(scorecards, figure="otif"):
    """Sort ``{key: figures}`` best first on a figure (missing figures last).

    Lower is better for ``claims_per_100`` and ``price_variance``.
    """
    lower_is_better = figure in ("claims_per_100", "price_variance")

    def sort_key(item):
        value = item[1].get(figure)
        if value is None:
            return (1, 0.0)
        return (0, value if lower_is_better else -value)

    return [key for key, _figures in sorted(scorecards.items(), key=sort_key)]
