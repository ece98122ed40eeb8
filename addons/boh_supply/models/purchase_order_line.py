from odoo import fields, models

CONFIRM_STATES = [
    ("to_confirm", "To Confirm"),
    ("confirmed", "Confirmed"),
    ("proposed", "Changes Proposed"),
    ("rejected", "Rejected"),
]


class PurchaseOrderLine(models.Model):
    _inherit = "purchase.order.line"

    boh_confirm_state = fields.Selection(
        CONFIRM_STATES,
        string="Supplier Confirmation",
        default="to_confirm",
        copy=False,
        readonly=True,
    )
    boh_proposal_ids = fields.One2many(
        "boh.supply.proposal", "line_id", string="Supplier Proposals"
    )
    boh_asn_line_ids = fields.One2many(
        "boh.asn.line", "purchase_line_id", string="Shipping Notice Lines"
    )

    def _boh_qty_announced(self, exclude_asn=None):
        """Quantity on open (sent) shipping notices, per line id."""
        domain = [
            ("purchase_line_id", "in", self.ids),
            ("asn_id.state", "=", "sent"),
        ]
        if exclude_asn:
            domain.append(("asn_id", "not in", exclude_asn.ids))
        groups = self.env["boh.asn.line"]._read_group(
            domain, ["purchase_line_id"], ["qty:sum"]
        )
        return {line.id: qty for line, qty in groups}
