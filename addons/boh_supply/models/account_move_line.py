from odoo import api, fields, models
from odoo.tools import float_compare


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    boh_qty_received = fields.Float(
        string="Received",
        compute="_compute_boh_supply_diff",
        digits="Product Unit of Measure",
    )
    boh_qty_diff = fields.Float(
        string="Qty Difference",
        compute="_compute_boh_supply_diff",
        digits="Product Unit of Measure",
        help="Billed quantity less the quantity received and not billed elsewhere.",
    )
    boh_price_ordered = fields.Float(
        string="Ordered Price",
        compute="_compute_boh_supply_diff",
        digits="Product Price",
    )
    boh_price_diff = fields.Float(
        string="Price Difference",
        compute="_compute_boh_supply_diff",
        digits="Product Price",
    )
    boh_has_diff = fields.Boolean(compute="_compute_boh_supply_diff")

    @api.depends(
        "quantity",
        "price_unit",
        "purchase_line_id.qty_received",
        "purchase_line_id.qty_invoiced",
        "purchase_line_id.price_unit",
    )
    def _compute_boh_supply_diff(self):
        for line in self:
            pol = line.purchase_line_id
            if not pol or line.move_id.move_type != "in_invoice":
                line.boh_qty_received = line.boh_qty_diff = 0.0
                line.boh_price_ordered = line.boh_price_diff = 0.0
                line.boh_has_diff = False
                continue
            qty = line.product_uom_id._compute_quantity(line.quantity, pol.product_uom)
            billed_elsewhere = pol.qty_invoiced - (
                qty if line.move_id.state != "cancel" else 0.0
            )
            line.boh_qty_received = pol.qty_received
            line.boh_qty_diff = qty - (pol.qty_received - billed_elsewhere)
            line.boh_price_ordered = pol.price_unit
            line.boh_price_diff = line.price_unit - pol.price_unit
            line.boh_has_diff = bool(
                float_compare(
                    line.boh_qty_diff, 0.0, precision_rounding=pol.product_uom.rounding
                )
                or float_compare(line.boh_price_diff, 0.0, precision_digits=4)
            )
