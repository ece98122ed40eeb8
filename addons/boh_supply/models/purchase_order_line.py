from odoo import api, fields, models

CONFIRM_STATES = [
    ("to_confirm", "To Confirm"),
    ("confirmed", "Confirmed"),
    ("proposed", "Changes Proposed"),
    ("rejected", "Rejected"),
]


class PurchaseOrderLine(models.Model):
    _name = "purchase.order.line"
    _inherit = ["purchase.order.line", "boh.guard.mixin"]
    # The supplier's answer per line, set through the portal and the buyer's
    # decisions on proposals
    _boh_workflow_fields = frozenset({"boh_confirm_state", "boh_rejected_qty"})

    # Odoo's own write and create of orders compare quantities and dates
    # before the guard mixin (after them in the class order) would see bad
    # values: check what a user sends first.
    @api.model_create_multi
    def create(self, vals_list):
        if not self._boh_guard_lifted():
            for vals in vals_list:
                self._boh_guard_values(vals)
        return super().create(vals_list)

    def write(self, vals):
        if not self._boh_guard_lifted():
            self._boh_guard_values(vals)
        return super().write(vals)

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
