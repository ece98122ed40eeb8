from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models


class BohSupplyForecast(models.AbstractModel):
    """The forecast a supplier sees: its products, by week and delivery site.

    ``_get_shared_forecast`` is the extension point: this default gives the
    quantities already ordered (open purchase order lines) and, in the first
    week, what the reordering rules are about to order.  A forecasting addon
    overrides it to add the forecast demand (see readme/CONFIGURE.md).
    """

    _name = "boh.supply.forecast"
    _description = "Shared Supplier Forecast"

    @api.model
    def _week_start(self, day):
        return day - timedelta(days=day.weekday())

    @api.model
    def _get_shared_forecast(self, partner, weeks=8):
        """Rows ``{"week", "warehouse_id", "warehouse", "product_id", "product",
        "uom", "forecast_qty", "ordered_qty"}`` sorted by week, site, product."""
        partner = partner.commercial_partner_id
        first = self._week_start(fields.Date.context_today(self))
        last = first + timedelta(weeks=weeks)
        rows = defaultdict(lambda: {"forecast_qty": 0.0, "ordered_qty": 0.0})
        lines = self.env["purchase.order.line"].search(
            [
                ("order_id.partner_id", "child_of", partner.id),
                ("order_id.state", "in", ("purchase", "done")),
                ("display_type", "=", False),
                ("date_planned", ">=", fields.Datetime.to_datetime(first)),
                ("date_planned", "<", fields.Datetime.to_datetime(last)),
            ]
        )
        for line in lines:
            open_qty = line.product_qty - line.qty_received
            if open_qty <= 0:
                continue
            week = self._week_start(line.date_planned.date())
            warehouse = line.order_id.picking_type_id.warehouse_id
            row = rows[(week, warehouse, line.product_id)]
            row["ordered_qty"] += line.product_uom._compute_quantity(
                open_qty, line.product_id.uom_id
            )
            row["forecast_qty"] += line.product_uom._compute_quantity(
                open_qty, line.product_id.uom_id
            )
        # The reordering rules that buy from this supplier: its vendor, else
        # the product's first seller (what the purchase route picks).
        orderpoints = self.env["stock.warehouse.orderpoint"].search(
            [
                "|",
                ("vendor_id", "child_of", partner.id),
                "&",
                ("vendor_id", "=", False),
                ("product_supplier_id", "child_of", partner.id),
                ("trigger", "in", ("auto", "manual")),
            ]
        )
        for orderpoint in orderpoints:
            qty = orderpoint.qty_to_order
            if qty > 0:
                row = rows[(first, orderpoint.warehouse_id, orderpoint.product_id)]
                row["forecast_qty"] += orderpoint.product_uom._compute_quantity(
                    qty, orderpoint.product_id.uom_id
                )
        result = [
            {
                "week": week,
                "warehouse_id": warehouse.id,
                "warehouse": warehouse.name or "",
                "product_id": product.id,
                "product": product.display_name,
                "uom": product.uom_id.name,
                **values,
            }
            for (week, warehouse, product), values in rows.items()
        ]
        return sorted(result, key=lambda r: (r["week"], r["warehouse"], r["product"]))
