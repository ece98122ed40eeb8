from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.boh_base.services.inputs import check_number


class BohAsnLine(models.Model):
    _name = "boh.asn.line"
    _description = "Advance Shipping Notice Line"
    _inherit = ["boh.guard.mixin"]
    _order = "asn_id, id"
    # The notice and the order line a line announces: fixed at creation.
    _boh_create_only_fields = frozenset({"asn_id", "purchase_line_id"})

    asn_id = fields.Many2one("boh.asn", required=True, ondelete="cascade", index=True)
    purchase_line_id = fields.Many2one(
        "purchase.order.line", required=True, index=True, ondelete="restrict"
    )
    purchase_id = fields.Many2one(related="purchase_line_id.order_id", store=True)
    product_id = fields.Many2one(related="purchase_line_id.product_id", store=True)
    product_uom_id = fields.Many2one(
        related="purchase_line_id.product_uom", string="Unit"
    )
    tracking = fields.Selection(related="product_id.tracking")
    qty = fields.Float(
        string="Quantity", digits="Product Unit of Measure", required=True
    )
    lot_name = fields.Char(string="Lot Number")
    expiry_date = fields.Date()

    @api.constrains("qty")
    def _check_qty(self):
        for line in self:
            check_number(
                line.qty,
                _(
                    "Shipping notice %(asn)s, %(product)s",
                    asn=line.asn_id.name,
                    product=line.product_id.display_name,
                ),
                _("Quantity"),
            )
            if line.qty <= 0:
                raise ValidationError(
                    _(
                        "Shipping notice %(asn)s, %(product)s: the quantity must "
                        "be positive.",
                        asn=line.asn_id.name,
                        product=line.product_id.display_name,
                    )
                )
