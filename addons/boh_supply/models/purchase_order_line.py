from odoo import _, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare, format_date

from odoo.addons.boh_base.services.inputs import check_date, check_number

CONFIRM_STATES = [
    ("to_confirm", "To Confirm"),
    ("confirmed", "Confirmed"),
    ("proposed", "Changes Proposed"),
    ("rejected", "Rejected"),
]


class PurchaseOrderLine(models.Model):
    _name = "purchase.order.line"
    # The guard first: it checks before purchase.order.line's own create, write
    # (see boh.supply.purchase.guard).
    _inherit = ["boh.supply.purchase.guard", "purchase.order.line"]
    # The supplier's answer per line, set through the portal and the buyer's
    # decisions on proposals
    _boh_workflow_fields = frozenset({"boh_confirm_state", "boh_rejected_qty"})

    boh_confirm_state = fields.Selection(
        CONFIRM_STATES,
        string="Supplier Confirmation",
        default="to_confirm",
        copy=False,
        readonly=True,
    )
    boh_rejected_qty = fields.Float(
        string="Rejected Quantity",
        digits="Product Unit of Measure",
        copy=False,
        readonly=True,
        help="Quantity the supplier rejected (in the line's unit), no longer expected.",
    )
    boh_proposal_ids = fields.One2many(
        "boh.supply.proposal", "line_id", string="Supplier Proposals"
    )
    boh_asn_line_ids = fields.One2many(
        "boh.asn.line", "purchase_line_id", string="Shipping Notice Lines"
    )

    def _boh_qty_announced(self, exclude_asn=None):
        """Quantity on open (sent) shipping notices not yet received, per line id.

        What a sent notice announced and the store already received is in
        ``qty_received``: it is taken off here so that it counts once.
        """
        domain = [
            ("purchase_line_id", "in", self.ids),
            ("asn_id.state", "=", "sent"),
        ]
        if exclude_asn:
            domain.append(("asn_id", "not in", exclude_asn.ids))
        groups = self.env["boh.asn.line"]._read_group(
            domain, ["purchase_line_id"], ["qty:sum"]
        )
        announced = {line.id: qty for line, qty in groups}
        received = self.env["stock.move.line"].search(
            [
                ("boh_asn_line_id.purchase_line_id", "in", self.ids),
                ("boh_asn_line_id.asn_id.state", "=", "sent"),
                ("state", "=", "done"),
            ]
        )
        if exclude_asn:
            received = received.filtered(
                lambda ml: ml.boh_asn_line_id.asn_id not in exclude_asn
            )
        for move_line in received:
            line = move_line.boh_asn_line_id
            qty = move_line.product_uom_id._compute_quantity(
                move_line.quantity, line.product_uom_id
            )
            announced[line.purchase_line_id.id] = max(
                announced.get(line.purchase_line_id.id, 0.0) - qty, 0.0
            )
        return announced

    def _boh_proposal_vals(self, qty, price, date, note, today):
        """The values of a supplier's proposal on this line (``None`` for a
        value left unchanged), checked; ``None`` when it changes nothing."""
        self.ensure_one()
        order = self.order_id
        name = self.product_id.display_name
        if self.boh_confirm_state == "proposed":
            raise UserError(
                _(
                    "Order %(order)s, %(product)s: a proposal is already "
                    "waiting for the buyer.",
                    order=order.name,
                    product=name,
                )
            )
        label = _("Order %(order)s, %(product)s", order=order.name, product=name)
        if qty is not None:
            qty = check_number(qty, label, _("Proposed quantity"))
        if price is not None:
            price = check_number(price, label, _("Proposed price"))
        if date is not None:
            date = check_date(date, label, _("Proposed date"))
        if qty is not None and qty <= 0:
            raise UserError(
                _(
                    "Order %(order)s, %(product)s: the proposed quantity must "
                    "be positive.",
                    order=order.name,
                    product=name,
                )
            )
        if price is not None and price < 0:
            raise UserError(
                _(
                    "Order %(order)s, %(product)s: the proposed price cannot "
                    "be negative.",
                    order=order.name,
                    product=name,
                )
            )
        if date is not None and date < today:
            raise UserError(
                _(
                    "Order %(order)s, %(product)s: the proposed date "
                    "%(date)s is in the past.",
                    order=order.name,
                    product=name,
                    date=format_date(self.env, date),
                )
            )
        rounding = self.product_uom.rounding
        changed_qty = qty is not None and float_compare(
            qty, self.product_qty, precision_rounding=rounding
        )
        changed_price = price is not None and float_compare(
            price, self.price_unit, precision_digits=6
        )
        changed_date = date is not None and date != self.date_planned.date()
        if not (changed_qty or changed_price or changed_date):
            return None
        return {
            "line_id": self.id,
            "current_qty": self.product_qty,
            "current_price": self.price_unit,
            "current_date": self.date_planned,
            "proposed_qty": qty if changed_qty else self.product_qty,
            "proposed_price": price if changed_price else self.price_unit,
            "proposed_date": self._convert_to_middle_of_day(
                fields.Datetime.to_datetime(date)
            )
            if changed_date
            else self.date_planned,
            "note": note,
        }
