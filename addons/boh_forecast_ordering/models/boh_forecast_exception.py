from datetime import timedelta

from odoo import _, api, fields, models
from odoo.tools import SQL


class BohForecastException(models.Model):
    _inherit = "boh.forecast.exception"

    def action_open_details(self):
        """The store's decided order lines of the product for a chronic
        override."""
        self.ensure_one()
        if self.exception_type != "override":
            return super().action_open_details()
        return {
            "type": "ir.actions.act_window",
            "name": _(
                "Orders of %(product)s in %(store)s",
                product=self.product_id.display_name,
                store=self.store_id.display_name,
            ),
            "res_model": "boh.store.order.line",
            "view_mode": "list",
            "views": [(False, "list")],
            "domain": [
                ("store_id", "=", self.store_id.id),
                ("product_id", "=", self.product_id.id),
                ("state", "not in", ("draft", "cancel")),
            ],
            "context": {},
        }

    @api.model
    def _get_risk_days(self, store, product_ids):
        """Days until the store's next delivery, from its order schedules;
        the parameter when it has no schedule with a next delivery."""
        result = super()._get_risk_days(store, product_ids)
        today = fields.Date.context_today(self)
        schedules = self.env["boh.order.schedule"].search([("store_id", "=", store.id)])
        deliveries = [
            d for d in (s._get_next_delivery_date(today) for s in schedules) if d
        ]
        if deliveries:
            days = max((min(deliveries) - today).days, 1)
            result = dict.fromkeys(product_ids, days)
        return result

    @api.model
    def _override_values(self, run, store, origin):
        """Products whose suggestion the store overrode (by more than 30%) on
        at least 3 of its orders of the last 4 weeks, most of the time."""
        vals_list = super()._override_values(run, store, origin)
        self.env["boh.store.order"].flush_model()
        self.env["boh.store.order.line"].flush_model()
        self.env.cr.execute(
            SQL(
                """
                SELECT l.product_id, COUNT(*),
                       COUNT(*) FILTER (
                           WHERE ABS(l.qty_ordered - l.qty_suggested)
                                 > 0.3 * GREATEST(l.qty_suggested, 1)),
                       SUM(l.qty_ordered), SUM(l.qty_suggested)
                  FROM boh_store_order_line l
                  JOIN boh_store_order o ON o.id = l.order_id
                 WHERE o.store_id = %s AND o.state NOT IN ('draft', 'cancel')
                   AND o.delivery_date >= %s AND o.delivery_date < %s
                 GROUP BY l.product_id
                HAVING COUNT(*) >= 3
                """,
                store.id,
                origin - timedelta(days=28),
                origin,
            )
        )
        for product_id, count, overridden, ordered, suggested in self.env.cr.fetchall():
            if overridden < 3 or overridden < 0.75 * count:
                continue
            vals_list.append(
                {
                    "store_id": store.id,
                    "run_id": run.id,
                    "date": origin,
                    "product_id": product_id,
                    "exception_type": "override",
                    "reason": _(
                        "%(overridden)s of the last %(count)s orders overrode the"
                        " suggestion: %(ordered).1f ordered against %(suggested).1f"
                        " suggested.",
                        overridden=overridden,
                        count=count,
                        ordered=ordered or 0.0,
                        suggested=suggested or 0.0,
                    ),
                }
            )
        return vals_list
