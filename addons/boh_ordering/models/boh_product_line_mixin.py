from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class BohProductLineMixin(models.AbstractModel):
    """A product in a unit: the unit follows the product, and must measure it.

    Used by order lines, order guide lines, count lines, waste and claims.
    The models name the record in errors with ``_boh_record_label``.
    """

    _name = "boh.product.line.mixin"
    _description = "BOH Product Line"

    product_id = fields.Many2one("product.product", required=True, index=True)
    product_uom_id = fields.Many2one(
        "uom.uom",
        string="Unit",
        required=True,
        compute="_compute_product_uom_id",
        store=True,
        readonly=False,
        precompute=True,
    )

    def _boh_default_uom(self):
        """The unit a line takes for its product (its stock unit)."""
        self.ensure_one()
        return self.product_id.uom_id

    @api.depends("product_id")
    def _compute_product_uom_id(self):
        for line in self:
            if not line.product_uom_id or (
                line.product_id
                and line.product_uom_id.category_id
                != line.product_id.uom_id.category_id
            ):
                line.product_uom_id = line._boh_default_uom()

    def _boh_record_label(self):
        """How an error names one record; the models add their product."""
        self.ensure_one()
        return self.display_name

    @api.constrains("product_id", "product_uom_id")
    def _check_product_uom(self):
        """The unit (``product_uom_id``) must measure the product."""
        for line in self:
            product, uom = line.product_id, line.product_uom_id
            if uom.category_id != product.uom_id.category_id:
                raise ValidationError(
                    _(
                        "%(record)s: the Unit %(uom)s cannot measure this product"
                        " (use a unit of %(category)s).",
                        record=line._boh_record_label(),
                        uom=uom.name,
                        category=product.uom_id.category_id.name,
                    )
                )
