from odoo import api, models

from .bulk_procurement import _cache


class StockQuant(models.Model):
    _inherit = "stock.quant"

    def _gather(
        self,
        product_id,
        location_id,
        lot_id=None,
        package_id=None,
        owner_id=None,
        strict=False,
        qty=0,
    ):
        args = (product_id, location_id, lot_id, package_id, owner_id, strict, qty)
        cache = _cache(self.env, "quant")
        if cache is None:
            return super()._gather(*args)
        key = (
            product_id.id,
            location_id.id,
            lot_id.id if lot_id else False,
            package_id.id if package_id else False,
            owner_id.id if owner_id else False,
            strict,
            qty,
            self.env.su,
            self.env.uid,
        )
        if key not in cache:
            cache[key] = super()._gather(*args).ids
        return self.browse(cache[key])

    @api.model_create_multi
    def create(self, vals_list):
        cache = _cache(self.env, "quant")
        if cache:
            cache.clear()
        return super().create(vals_list)

    def unlink(self):
        cache = _cache(self.env, "quant")
        if cache:
            cache.clear()
        return super().unlink()
