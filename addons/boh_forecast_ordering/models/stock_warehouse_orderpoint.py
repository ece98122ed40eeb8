import math
from collections import defaultdict
from datetime import timedelta

import numpy as np

from odoo import api, fields, models
from odoo.tools import SQL, float_round

from odoo.addons.boh_forecast.services import engine

# (P90 - P10) of a normal distribution in standard deviations.
P10_P90_SPAN = 2.563


class StockWarehouseOrderpoint(models.Model):
    _inherit = "stock.warehouse.orderpoint"

    boh_forecast_managed = fields.Boolean(
        string="Forecast Managed",
        help="Minimum and maximum are written from the forecasts of the stores"
        " this warehouse supplies after each forecast run (unless the system"
        " parameter boh_forecast.write_orderpoints is off).",
    )
    boh_forecast_date = fields.Date(string="Forecast Update", readonly=True, copy=False)

    @api.model
    def _boh_get_orderpoint_params(self):
        param = self.env["ir.config_parameter"].sudo().get_param
        return {
            "lead_days": int(param("boh_forecast.orderpoint_lead_days", 7)),
            "review_days": int(param("boh_forecast.orderpoint_review_days", 7)),
            "service_level": float(
                param("boh_forecast.orderpoint_service_level", 0.95)
            ),
        }

    @api.model
    def _boh_update_from_forecasts(self, warehouses=None, today=None):
        """Write min/max of central warehouse reordering rules from forecasts.

        For each central warehouse, its demand is the sum of the current
        forecasts of the stores it supplies (active order schedules from it).
        The engine's policy turns it into a safety stock at the service level
        over the lead time (first supplier's delay, else the parameter) plus
        the review period: min = demand over the lead time + safety stock,
        max = demand over lead time and review period + safety stock.  Only
        the products the warehouse stocks are considered (see
        ``_boh_get_stocked_products``).  Rules marked *Forecast Managed* are
        updated, missing ones are created (marked); rules without the mark are
        left as they are.  Writes are grouped by identical values.  Returns
        the number of rules written.
        """
        today = today or fields.Date.context_today(self)
        if warehouses is None:
            warehouses = self.env["boh.store"].search(
                [("store_type", "=", "warehouse")]
            )
        params = self._boh_get_orderpoint_params()
        schedules = self.env["boh.order.schedule"].search(
            [
                ("source_type", "=", "central_warehouse"),
                ("source_store_id", "in", warehouses.ids),
            ]
        )
        written = 0
        for warehouse in warehouses:
            stores = schedules.filtered(
                lambda s, w=warehouse: s.source_store_id == w
            ).store_id
            if stores:
                written += self._boh_update_warehouse(warehouse, stores, today, params)
        return written

    def _boh_update_warehouse(self, warehouse, stores, today, params):
        demand = self._boh_read_demand(stores, today, params)
        if not demand:
            return 0
        products = self.env["product.product"].browse(list(demand)).exists()
        stocked = self._boh_get_stocked_products(warehouse)
        products = products.filtered(lambda p: p.is_storable and p in stocked)
        if not products:
            return 0
        leads = []
        for product in products:
            sellers = product.seller_ids.filtered(
                lambda s: not s.company_id or s.company_id == warehouse.company_id
            )
            delay = sellers[:1].delay if sellers else 0
            leads.append(delay or params["lead_days"])
        review = params["review_days"]
        width = max(leads) + review
        fc = np.zeros((len(products), width))
        sigma = np.zeros((len(products), width))
        for k, product in enumerate(products):
            for offset, (qty, sd) in demand[product.id].items():
                if offset < width:
                    fc[k, offset], sigma[k, offset] = qty, sd
        n = len(products)
        out = engine.suggest_orders(
            fc,
            np.zeros(n),
            np.zeros(n),
            np.array(leads),
            np.full(n, review),
            np.full(n, params["service_level"]),
            np.ones(n),
            np.zeros(n),
            np.full(n, math.nan),
            p10=fc - sigma * P10_P90_SPAN / 2,
            p90=fc + sigma * P10_P90_SPAN / 2,
        )
        location = warehouse.lot_stock_id
        existing = self.with_context(active_test=False).search(
            [("location_id", "=", location.id), ("product_id", "in", products.ids)]
        )
        by_product = {op.product_id.id: op for op in existing}
        groups = defaultdict(lambda: self.browse())
        to_create = []
        for k, product in enumerate(products):
            rounding = product.uom_id.rounding
            lead_demand = float(fc[k, : leads[k]].sum())
            safety = float(out["safety_stock"][k])
            low = float_round(lead_demand + safety, precision_rounding=rounding)
            high = float_round(
                max(float(out["order_up_to"][k]), lead_demand + safety),
                precision_rounding=rounding,
            )
            orderpoint = by_product.get(product.id)
            if orderpoint is None:
                to_create.append(
                    {
                        "warehouse_id": warehouse.warehouse_id.id,
                        "location_id": location.id,
                        "product_id": product.id,
                        "product_min_qty": low,
                        "product_max_qty": high,
                        "trigger": "auto",
                        "company_id": warehouse.company_id.id,
                        "boh_forecast_managed": True,
                        "boh_forecast_date": today,
                    }
                )
            elif orderpoint.boh_forecast_managed:
                groups[(low, high)] |= orderpoint
        for (low, high), orderpoints in groups.items():
            orderpoints.write(
                {
                    "product_min_qty": low,
                    "product_max_qty": high,
                    "boh_forecast_date": today,
                }
            )
        self.create(to_create)
        return len(to_create) + sum(len(ops) for ops in groups.values())

    @api.model
    def _boh_get_stocked_products(self, warehouse):
        """The products a central warehouse stocks: those some store's active
        order guide sources from it, and those with an active reordering rule
        in its stock already.  Products the stores get from suppliers or from
        a kitchen are never given a rule here."""
        guided = (
            self.env["boh.order.guide.line"]
            .search(
                [
                    ("guide_id.active", "=", True),
                    ("source_type", "=", "central_warehouse"),
                    ("source_store_id", "=", warehouse.id),
                ]
            )
            .product_id
        )
        ruled = self.search(
            [("location_id", "child_of", warehouse.lot_stock_id.id)]
        ).product_id
        return guided | ruled

    @api.model
    def _boh_read_demand(self, stores, today, params):
        """``{product: {day offset: (sum of forecasts, standard deviation)}}``
        of the stores' current forecasts from ``today`` (one query)."""
        days = 60 + params["review_days"]
        self.env["boh.forecast"].flush_model()
        self.env.cr.execute(
            SQL(
                """
                SELECT product_id, date - %(start)s::date, SUM(qty),
                       SQRT(SUM(POWER((p90 - p10) / %(span)s, 2)))
                  FROM boh_forecast
                 WHERE is_current AND store_id = ANY(%(stores)s)
                   AND date >= %(start)s::date
                   AND date < %(end)s::date
                 GROUP BY product_id, date
                """,
                start=str(today),
                end=str(today + timedelta(days=days)),
                span=P10_P90_SPAN,
                stores=stores.ids,
            )
        )
        demand = defaultdict(dict)
        for product_id, offset, qty, sd in self.env.cr.fetchall():
            demand[product_id][offset] = (qty, sd or 0.0)
        return demand
