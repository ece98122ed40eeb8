from odoo import api, models

# Fields of a BoM line that change what a store consumes for its recipe.
RECIPE_LINE_FIELDS = frozenset(
    {
        "bom_id",
        "product_id",
        "product_qty",
        "product_uom_id",
        "boh_yield_pct",
        "bom_product_template_attribute_value_ids",
    }
)


class MrpBomLine(models.Model):
    """A change of a kit recipe's line re-explodes the sales of the dishes
    using it (see ``mrp.bom``)."""

    _inherit = "mrp.bom.line"

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines.bom_id._boh_mark_theoretical(lines.bom_id._boh_kit_products())
        return lines

    def write(self, vals):
        if not RECIPE_LINE_FIELDS.intersection(vals):
            return super().write(vals)
        before = self.bom_id._boh_kit_products()
        res = super().write(vals)
        boms = self.bom_id
        boms._boh_mark_theoretical(before | boms._boh_kit_products())
        return res

    def unlink(self):
        boms = self.bom_id
        products = boms._boh_kit_products()
        res = super().unlink()
        boms._boh_mark_theoretical(products.exists())
        return res
