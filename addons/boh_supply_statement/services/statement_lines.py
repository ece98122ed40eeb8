"""What a supplier statement lists, read for every supplier of a month at once.

The grain is the one of a Chinese chain's monthly reconciliation (对账):

- a *goods* line per purchase order line with activity in the month: the
  quantity received (receipts done in the month, less returns to the
  supplier), the quantity billed (posted vendor bills dated in the month,
  through their ``purchase_line_id``), the order's price and the bills'
  average price, and the difference between the two;
- a line per posted vendor bill, per posted credit note (``in_refund``, such as
  the ones accepted receiving claims bring) and per payment of the month.

Each source is read with one ``_read_group`` or ``search_read`` for the whole
month and all suppliers; nothing is queried per line.
"""

from collections import defaultdict
from datetime import datetime, time, timedelta

import pytz

from odoo import fields

GOODS = "goods"
RECEIVED_NOT_BILLED = "received_not_billed"
BILLED_NOT_RECEIVED = "billed_not_received"
PRICE_DIFFERENCE = "price_difference"
OK = "ok"
# Payments that left the bank or are on their way (not drafts nor cancelled).
PAYMENT_STATES = ("in_process", "paid")


def month_bounds(day):
    """The first and last day of the month of ``day``."""
    first = day.replace(day=1)
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    return first, last


def utc_bounds(date_from, date_to, tz_name):
    """The month as naive UTC datetimes ``[start, end)``, the days being the
    ones of the time zone ``tz_name`` (a delivery at 7:00 in Shanghai on the
    1st belongs to that month, though it is still the 31st in UTC)."""
    try:
        tz = pytz.timezone(tz_name or "UTC")
    except pytz.UnknownTimeZoneError:
        tz = pytz.utc

    def to_utc(day):
        local = tz.localize(datetime.combine(day, time.min))
        return local.astimezone(pytz.utc).replace(tzinfo=None)

    return to_utc(date_from), to_utc(date_to + timedelta(days=1))


def _local_date(value, tz_name):
    try:
        tz = pytz.timezone(tz_name or "UTC")
    except pytz.UnknownTimeZoneError:
        tz = pytz.utc
    return pytz.utc.localize(value).astimezone(tz).date()


def _partner_domain(path, partners):
    if partners is None:
        return []
    return [(path, "in", partners.ids)]


def _received(env, company, start, end, partners):
    """{purchase line: (qty received in its unit, last receipt, receipts)}."""
    groups = env["stock.move"]._read_group(
        [
            ("state", "=", "done"),
            ("purchase_line_id", "!=", False),
            ("company_id", "=", company.id),
            ("date", ">=", start),
            ("date", "<", end),
            "|",
            ("location_id.usage", "=", "supplier"),
            ("location_dest_id.usage", "=", "supplier"),
            *_partner_domain(
                "purchase_line_id.partner_id.commercial_partner_id", partners
            ),
        ],
        ["purchase_line_id", "location_dest_id", "product_uom"],
        ["quantity:sum", "date:max", "picking_id:array_agg"],
    )
    result = {}
    for pol, dest, uom, qty, last, picking_ids in groups:
        qty = uom._compute_quantity(qty, pol.product_uom, round=False)
        if dest.usage == "supplier":
            qty = -qty
        old_qty, old_last, old_pickings = result.get(pol, (0.0, last, set()))
        result[pol] = (
            old_qty + qty,
            max(old_last, last),
            old_pickings | {pid for pid in picking_ids if pid},
        )
    return result


def _billed(env, company, date_from, date_to, partners):
    """{purchase line: (qty billed in its unit, amount, last date, bills)}."""
    groups = env["account.move.line"]._read_group(
        [
            ("move_id.move_type", "=", "in_invoice"),
            ("parent_state", "=", "posted"),
            ("company_id", "=", company.id),
            ("invoice_date", ">=", date_from),
            ("invoice_date", "<=", date_to),
            ("purchase_line_id", "!=", False),
            ("display_type", "=", "product"),
            *_partner_domain("move_id.commercial_partner_id", partners),
        ],
        ["purchase_line_id", "product_uom_id"],
        ["quantity:sum", "balance:sum", "invoice_date:max", "move_id:array_agg"],
    )
    result = {}
    for pol, uom, qty, balance, last, move_ids in groups:
        if uom and uom != pol.product_uom:
            qty = uom._compute_quantity(qty, pol.product_uom, round=False)
        old_qty, old_amount, old_last, old_moves = result.get(
            pol, (0.0, 0.0, last, set())
        )
        result[pol] = (
            old_qty + qty,
            old_amount + balance,
            max(old_last, last),
            old_moves | set(move_ids),
        )
    return result


def _difference_type(pol, qty_received, qty_billed, amount_billed, price_po, currency):
    rounding = pol.product_uom.rounding
    qty_cmp = fields.Float.compare(
        qty_received, qty_billed, precision_rounding=rounding
    )
    if qty_cmp > 0:
        return RECEIVED_NOT_BILLED
    if qty_cmp < 0:
        return BILLED_NOT_RECEIVED
    if currency.compare_amounts(amount_billed, qty_billed * price_po):
        return PRICE_DIFFERENCE
    return OK


def _goods_lines(env, company, date_from, date_to, tz_name, partners):
    """{supplier id: [values of goods lines]}."""
    start, end = utc_bounds(date_from, date_to, tz_name)
    received = _received(env, company, start, end, partners)
    billed = _billed(env, company, date_from, date_to, partners)
    pols = env["purchase.order.line"].browse(
        sorted({pol.id for pol in received} | {pol.id for pol in billed})
    )
    # One read of the names of every receipt and bill listed.
    picking_names = dict(
        env["stock.picking"]
        .browse({pid for _q, _l, pids in received.values() for pid in pids})
        .mapped(lambda p: (p.id, p.name))
    )
    bill_names = dict(
        env["account.move"]
        .browse({mid for *_r, mids in billed.values() for mid in mids})
        .mapped(lambda m: (m.id, m.name))
    )
    currency = company.currency_id
    result = defaultdict(list)
    for pol in pols:
        qty_received, last_receipt, picking_ids = received.get(pol, (0.0, None, set()))
        qty_billed, amount_billed, last_bill, move_ids = billed.get(
            pol, (0.0, 0.0, None, set())
        )
        price_po = pol.price_unit * (1 - (pol.discount or 0.0) / 100.0)
        if pol.currency_id and pol.currency_id != currency:
            price_po = pol.currency_id._convert(
                price_po, currency, company, date_to, round=False
            )
        amount_received = currency.round(qty_received * price_po)
        amount_billed = currency.round(amount_billed)
        dates = [d for d in (last_bill,) if d]
        if last_receipt:
            dates.append(_local_date(last_receipt, tz_name))
        references = [pol.order_id.name]
        references += sorted(picking_names[pid] for pid in picking_ids)
        references += sorted(bill_names[mid] for mid in move_ids)
        result[pol.order_id.partner_id.commercial_partner_id.id].append(
            {
                "line_type": GOODS,
                "date": max(dates) if dates else date_to,
                "reference": ", ".join(references),
                "purchase_line_id": pol.id,
                "product_id": pol.product_id.id,
                "product_uom_id": pol.product_uom.id,
                "qty_ordered": pol.product_qty,
                "qty_received": qty_received,
                "qty_billed": qty_billed,
                "price_unit_po": price_po,
                "price_unit_bill": amount_billed / qty_billed if qty_billed else 0.0,
                "amount_received": amount_received,
                "amount_billed": amount_billed,
                "difference_amount": currency.round(amount_billed - amount_received),
                "difference_type": _difference_type(
                    pol, qty_received, qty_billed, amount_billed, price_po, currency
                ),
            }
        )
    return result


def _document_lines(env, company, date_from, date_to, partners):
    """{supplier id: [values of bill, credit note and payment lines]}.

    ``amount`` is what the line adds to the amount owed to the supplier: a
    bill adds its total, a credit note and a payment take theirs off.
    """
    result = defaultdict(list)
    moves = env["account.move"].search_read(
        [
            ("move_type", "in", ("in_invoice", "in_refund")),
            ("state", "=", "posted"),
            ("company_id", "=", company.id),
            ("invoice_date", ">=", date_from),
            ("invoice_date", "<=", date_to),
            *_partner_domain("commercial_partner_id", partners),
        ],
        ["name", "ref", "invoice_date", "move_type", "amount_total_signed"],
        order="invoice_date, id",
    )
    partner_of = dict(
        env["account.move"]
        .browse([m["id"] for m in moves])
        .mapped(lambda m: (m.id, m.commercial_partner_id.id))
    )
    for move in moves:
        reference = move["name"]
        if move["ref"]:
            reference = f"{reference} ({move['ref']})"
        result[partner_of[move["id"]]].append(
            {
                "line_type": "bill"
                if move["move_type"] == "in_invoice"
                else "credit_note",
                "date": move["invoice_date"],
                "reference": reference,
                "move_id": move["id"],
                # Purchase documents are signed as the company sees them:
                # a bill is negative, a credit note positive.
                "amount": -move["amount_total_signed"],
            }
        )
    payments = env["account.payment"].search(
        [
            ("partner_type", "=", "supplier"),
            ("state", "in", PAYMENT_STATES),
            ("company_id", "=", company.id),
            ("date", ">=", date_from),
            ("date", "<=", date_to),
            *_partner_domain("partner_id.commercial_partner_id", partners),
        ],
        order="date, id",
    )
    for payment in payments:
        result[payment.partner_id.commercial_partner_id.id].append(
            {
                "line_type": "payment",
                "date": payment.date,
                "reference": payment.name or payment.memo or "",
                "payment_id": payment.id,
                # Paid to the supplier: negative for the company; a refund
                # the supplier pays back is positive and adds to what is owed.
                "amount": payment.amount_company_currency_signed,
            }
        )
    return result


def opening_balances(env, company, date_from, partners):
    """{supplier id: amount owed before ``date_from``} (bills less credit notes
    and payments), read in two grouped queries."""
    result = defaultdict(float)
    for partner, total in env["account.move"]._read_group(
        [
            ("move_type", "in", ("in_invoice", "in_refund")),
            ("state", "=", "posted"),
            ("company_id", "=", company.id),
            ("invoice_date", "<", date_from),
            ("commercial_partner_id", "in", partners.ids),
        ],
        ["commercial_partner_id"],
        ["amount_total_signed:sum"],
    ):
        result[partner.id] -= total
    for partner, total in env["account.payment"]._read_group(
        [
            ("partner_type", "=", "supplier"),
            ("state", "in", PAYMENT_STATES),
            ("company_id", "=", company.id),
            ("date", "<", date_from),
            ("partner_id.commercial_partner_id", "in", partners.ids),
        ],
        ["partner_id"],
        ["amount_company_currency_signed:sum"],
    ):
        result[partner.commercial_partner_id.id] += total
    return result


def statement_lines(env, company, date_from, date_to, tz_name, partners=None):
    """{supplier id: [line values]} for the month, goods first; every
    supplier with activity when ``partners`` is None."""
    goods = _goods_lines(env, company, date_from, date_to, tz_name, partners)
    documents = _document_lines(env, company, date_from, date_to, partners)
    result = {}
    for partner_id in set(goods) | set(documents):
        if partners is not None and partner_id not in partners.ids:
            continue
        lines = sorted(
            goods.get(partner_id, []), key=lambda v: (v["date"], v["reference"])
        )
        lines += documents.get(partner_id, [])
        for sequence, vals in enumerate(lines, start=1):
            vals["sequence"] = sequence
        result[partner_id] = lines
    return result
