from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ProductTemplate(models.Model):
    _inherit = "product.template"

    boh_storage_type = fields.Selection(
        [
            ("fresh", "Fresh"),
            ("chilled", "Chilled"),
            ("frozen", "Frozen"),
            ("dry", "Dry / Ambient"),
        ],
        string="Storage",
        help="How the product is stored in the stores; drives shelf life defaults.",
    )
    boh_shelf_life_days = fields.Integer(
        string="Shelf Life (days)",
        help="Days a received unit can be sold or used; 0 when it does not expire.",
    )

    @api.constrains("boh_shelf_life_days")
    def _check_boh_shelf_life_days(self):
        for template in self:
            if template.boh_shelf_life_days < 0:
                raise ValidationError(
                    _(
                        "Product %(product)s: the shelf life cannot be negative.",
                        product=template.display_name,
                    )
                )
