from odoo import api, models


class MrpBom(models.Model):
    """A recipe change re-costs the recipe and every recipe that uses it."""

    _inherit = "mrp.bom"

    def _boh_products(self):
        return (
            self.product_id
            | self.filtered(
                lambda bom: not bom.product_id
            ).product_tmpl_id.product_variant_ids
        )

    @api.model_create_multi
    def create(self, vals_list):
        boms = super().create(vals_list)
        boms._boh_products()._boh_recost_where_used(alert=False)
        return boms

    def write(self, vals):
        before = self._boh_products()
        res = super().write(vals)
        (before | self._boh_products())._boh_recost_where_used(alert=False)
        return res

    def unlink(self):
        products = self._boh_products()
        res = super().unlink()
        products.exists()._boh_recost_where_used(alert=False)
        return res
