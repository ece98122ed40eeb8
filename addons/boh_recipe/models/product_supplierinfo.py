from odoo import api, models

# the supplier line fields that change an ingredient's preferred price
PRICE_FIELDS = {
    "price",
    "discount",
    "currency_id",
    "product_uom",
    "min_qty",
    "sequence",
    "date_start",
    "date_end",
    "product_id",
    "product_tmpl_id",
    "company_id",
    "partner_id",
}


class ProductSupplierinfo(models.Model):
    _inherit = "product.supplierinfo"

    def _boh_priced_products(self):
        return (
            self.product_id
            | self.filtered(
                lambda info: not info.product_id
            ).product_tmpl_id.product_variant_ids
        )

    def _boh_recost(self, products):
        if products and self.env.company.boh_recipe_cost_source == "supplier":
            products._boh_recost_where_used()

    @api.model_create_multi
    def create(self, vals_list):
        infos = super().create(vals_list)
        infos._boh_recost(infos._boh_priced_products())
        return infos

    def write(self, vals):
        if not PRICE_FIELDS & set(vals):
            return super().write(vals)
        before = self._boh_priced_products()
        res = super().write(vals)
        self._boh_recost(before | self._boh_priced_products())
        return res

    def unlink(self):
        products = self._boh_priced_products()
        res = super().unlink()
        self._boh_recost(products.exists())
        return res
