from odoo import models


class StockRule(models.Model):
    _inherit = "stock.rule"

    def _make_po_get_domain(self, company_id, values, partner):
        """Store orders: one purchase order per supplier, store and delivery date."""
        domain = super()._make_po_get_domain(company_id, values, partner)
        if values.get("boh_delivery_date"):
            domain += (("boh_delivery_date", "=", values["boh_delivery_date"]),)
        return domain

    def _prepare_purchase_order(self, company_id, origins, values):
        vals = super()._prepare_purchase_order(company_id, origins, values)
        delivery = values and values[0].get("boh_delivery_date")
        if delivery:
            vals["boh_delivery_date"] = delivery
        return vals

    def _get_custom_move_fields(self):
        """Moves created for a store order line remember it."""
        return super()._get_custom_move_fields() + ["boh_order_line_id"]
