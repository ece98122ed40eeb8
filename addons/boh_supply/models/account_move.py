from odoo import api, fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    boh_portal_upload = fields.Boolean(
        string="Uploaded by Supplier", copy=False, readonly=True, index=True
    )
    boh_supply_diff = fields.Boolean(
        string="Differences with Receipts",
        compute="_compute_boh_supply_diff",
        store=True,
        help="A quantity or a price of the bill differs from what was received "
        "or ordered.",
    )

    @api.depends(
        "invoice_line_ids.quantity",
        "invoice_line_ids.price_unit",
        "invoice_line_ids.purchase_line_id.qty_received",
        "invoice_line_ids.purchase_line_id.qty_invoiced",
        "invoice_line_ids.purchase_line_id.price_unit",
    )
    def _compute_boh_supply_diff(self):
        for move in self:
            move.boh_supply_diff = any(move.invoice_line_ids.mapped("boh_has_diff"))
