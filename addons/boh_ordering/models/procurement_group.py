from odoo import api, models

from .bulk_procurement import _cache


class ProcurementGroup(models.Model):
    _inherit = "procurement.group"

    @api.model
    def _boh_rule_key(self, product_id, location_id, values):
        """Everything ``_get_rule`` reads from a procurement."""

        def ids(records):
            return tuple(sorted(records.ids)) if records else ()

        product_routes = product_id.route_ids | product_id.categ_id.total_route_ids
        return (
            ids(product_routes),
            location_id.id,
            ids(values.get("route_ids")),
            ids(values.get("product_packaging_id")),
            "warehouse_id" in values,
            ids(values.get("warehouse_id")),
            ids(values.get("company_id")),
            self.env.su,
            self.env.uid,
        )

    @api.model
    def _get_rule(self, product_id, location_id, values):
        cache = _cache(self.env, "rule")
        if cache is None:
            return super()._get_rule(product_id, location_id, values)
        key = self._boh_rule_key(product_id, location_id, values)
        if key not in cache:
            cache[key] = super()._get_rule(product_id, location_id, values).ids
        return self.env["stock.rule"].browse(cache[key])
