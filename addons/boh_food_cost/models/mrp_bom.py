from odoo import api, models

# Fields of a bill of materials that change what a store consumes for it
# (the explosion of boh_recipe: which BoM is found, its quantity and unit).
RECIPE_FIELDS = frozenset(
    {
        "product_tmpl_id",
        "product_id",
        "product_qty",
        "product_uom_id",
        "type",
        "active",
        "sequence",
        "company_id",
        "bom_line_ids",
    }
)


class MrpBom(models.Model):
    """A change of a kit recipe re-explodes the sales of the dishes using it."""

    _inherit = "mrp.bom"

    def _boh_kit_products(self):
        """The products of these BoMs that are kits (made in the store when
        the dish is made): only those change what a store consumes."""
        kits = self.filtered(lambda bom: bom.type == "phantom")
        return kits._boh_products()

    def _boh_mark_theoretical(self, products):
        self.env["boh.usage.theoretical"]._mark_recipe_change(products)

    @api.model_create_multi
    def create(self, vals_list):
        boms = super().create(vals_list)
        self._boh_mark_theoretical(boms._boh_kit_products())
        return boms

    def write(self, vals):
        if not RECIPE_FIELDS.intersection(vals):
            return super().write(vals)
        # archived BoMs too: unarchiving one changes the explosion
        boms = self.with_context(active_test=False)
        before = boms._boh_kit_products()
        res = super().write(vals)
        self._boh_mark_theoretical(before | boms._boh_kit_products())
        return res

    def unlink(self):
        products = self._boh_kit_products()
        res = super().unlink()
        self._boh_mark_theoretical(products.exists())
        return res
