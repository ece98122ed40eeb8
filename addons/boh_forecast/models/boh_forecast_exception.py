from datetime import timedelta

import numpy as np

from odoo import _, api, fields, models
from odoo.tools import SQL

from ..lib import signals

EXCEPTION_TYPES = [
    ("spike", "Sudden Spike"),
    ("drop", "Sudden Drop"),
    ("deviation", "Forecast Far from Recent Weeks"),
    ("stockout_risk", "Stock-out Risk"),
    ("override", "Chronic Override"),
]


class BohForecastException(models.Model):
    """Something about a store's product that needs a person to look at it.

    Refreshed by each forecast run: open exceptions of the store are replaced
    by the current ones; reviewed ones stay as a record.
    """

    _name = "boh.forecast.exception"
    _inherit = ["boh.guard.mixin"]
    _description = "BOH Forecast Exception"
    _order = "priority desc, id desc"
    _rec_name = "product_id"

    store_id = fields.Many2one("boh.store", required=True, index=True, readonly=True)
    product_id = fields.Many2one("product.product", required=True, readonly=True)
    exception_type = fields.Selection(
        EXCEPTION_TYPES, string="Type", required=True, readonly=True
    )
    reason = fields.Text(required=True, readonly=True)
    priority = fields.Selection(
        [("0", "Normal"), ("1", "High")], default="0", readonly=True
    )
    state = fields.Selection(
        [("open", "To Review"), ("reviewed", "Reviewed")],
        default="open",
        required=True,
        index=True,
    )
    run_id = fields.Many2one("boh.forecast.run", readonly=True, ondelete="set null")
    date = fields.Date(readonly=True, help="First forecast day of the run.")
    company_id = fields.Many2one(related="store_id.company_id", store=True)

    # Found by the run for a store and product: what it is about never
    # changes; it is marked reviewed by its button only.
    _boh_workflow_fields = frozenset({"state"})
    _boh_create_only_fields = frozenset(
        {
            "store_id",
            "product_id",
            "run_id",
            "exception_type",
            "reason",
            "priority",
            "date",
        }
    )

    def action_mark_reviewed(self):
        # the user's own rights (ACL and store rules) decide who may review
        self.check_access("write")
        self._boh_workflow().write({"state": "reviewed"})
        return True

    def action_open_forecast(self):
        """The forecast of this product in this store, next to its history."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "boh_forecast.boh_forecast_action"
        )
        action["domain"] = [
            ("store_id", "=", self.store_id.id),
            ("product_id", "=", self.product_id.id),
            ("is_current", "=", True),
        ]
        action["context"] = {}
        action["view_mode"] = "graph,list"
        return action

    def action_open_details(self):
        """The records behind the exception: the sales history for a spike or
        a drop, the forecast for the others (boh_forecast_ordering opens the
        store's order lines of a chronic override)."""
        self.ensure_one()
        if self.exception_type in ("spike", "drop"):
            action = self.env["ir.actions.act_window"]._for_xml_id(
                "boh_forecast.boh_demand_daily_action"
            )
            action["domain"] = [
                ("store_id", "=", self.store_id.id),
                ("product_id", "=", self.product_id.id),
            ]
            action["context"] = {}
            return action
        return self.action_open_forecast()

    @api.model
    def _get_risk_days(self, store, product_ids):
        """Days until the next delivery per product (``{product: days}``).

        Here the ``boh_forecast.risk_days`` parameter for every product;
        boh_forecast_ordering reads the store's order schedules.
        """
        days = int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("boh_forecast.risk_days", 2)
        )
        return dict.fromkeys(product_ids, days)

    @api.model
    def _get_on_hand(self, store, product_ids):
        self.env["stock.quant"].flush_model()
        self.env.cr.execute(
            SQL(
                """
                SELECT q.product_id, SUM(q.quantity)
                  FROM stock_quant q
                  JOIN stock_location l ON l.id = q.location_id
                 WHERE l.usage = 'internal' AND l.warehouse_id = %s
                   AND q.product_id = ANY(%s)
                 GROUP BY q.product_id
                """,
                store.warehouse_id.id,
                list(product_ids),
            )
        )
        return dict(self.env.cr.fetchall())

    @api.model
    def _tracked_products(self, store, product_ids):
        """Products with stock history in the store (on hand is meaningful)."""
        self.env["stock.move.line"].flush_model(
            ["state", "location_dest_id", "product_id"]
        )
        self.env.cr.execute(
            SQL(
                """
                SELECT DISTINCT ml.product_id
                  FROM stock_move_line ml
                  JOIN stock_location l ON l.id = ml.location_dest_id
                 WHERE ml.state = 'done' AND l.warehouse_id = %s
                   AND ml.product_id = ANY(%s)
                """,
                store.warehouse_id.id,
                list(product_ids),
            )
        )
        return {row[0] for row in self.env.cr.fetchall()}

    @api.model
    def _refresh_store(self, run, store, origin, matrix, forecasts):
        """Replace the store's open exceptions by those of this run."""
        items, history = matrix
        vals_list = []
        if len(items):
            by_item = {int(i): k for k, i in enumerate(items)}
            horizon = max(run.horizon_days, 1)
            fc = np.zeros((len(items), horizon))
            for item, day, qty in zip(
                forecasts["item"], forecasts["date"], forecasts["qty"]
            ):
                k = by_item.get(int(item))
                offset = (day - origin).days
                if k is not None and 0 <= offset < horizon:
                    fc[k, offset] = qty
            vals_list += self._signal_values(run, store, origin, items, history, fc)
        # overrides come from the store's orders, with or without sales history
        vals_list += self._override_values(run, store, origin)
        open_exceptions = self.search(
            [("store_id", "=", store.id), ("state", "=", "open")]
        )
        open_exceptions.unlink()
        return self.create(vals_list)

    @api.model
    def _signal_values(self, run, store, origin, items, history, fc):
        base = {"store_id": store.id, "run_id": run.id, "date": origin}
        vals_list = []
        kind, recent, usual = signals.spikes_and_drops(history)
        for k in np.flatnonzero(kind != ""):
            vals_list.append(
                {
                    **base,
                    "product_id": int(items[k]),
                    "exception_type": kind[k],
                    "reason": _(
                        "%(recent).1f sold in the last 7 days against %(usual).1f in"
                        " a usual week of the 4 before.",
                        recent=recent[k],
                        usual=usual[k],
                    ),
                }
            )
        flag, nxt, usual = signals.forecast_deviation(history, fc)
        for k in np.flatnonzero(flag):
            vals_list.append(
                {
                    **base,
                    "product_id": int(items[k]),
                    "exception_type": "deviation",
                    "reason": _(
                        "%(next).1f forecast for the next 7 days against %(usual).1f"
                        " a week over the last 4 weeks.",
                        next=nxt[k],
                        usual=usual[k],
                    ),
                }
            )
        tracked = self._tracked_products(store, items.tolist())
        if tracked:
            keep = np.array([int(i) in tracked for i in items])
            on_hand_map = self._get_on_hand(store, items.tolist())
            days_map = self._get_risk_days(store, items.tolist())
            for k in np.flatnonzero(keep):
                item = int(items[k])
                on_hand = on_hand_map.get(item, 0.0)
                days = days_map.get(item, 2)
                risk, demand = signals.stockout_risk(fc[k : k + 1], [on_hand], days)
                if risk[0]:
                    vals_list.append(
                        {
                            **base,
                            "product_id": item,
                            "exception_type": "stockout_risk",
                            "priority": "1",
                            "reason": _(
                                "%(on_hand).1f on hand for %(demand).1f forecast"
                                " until the next delivery in %(days)s days.",
                                on_hand=on_hand,
                                demand=demand[0],
                                days=days,
                            ),
                        }
                    )
        return vals_list

    @api.model
    def _override_values(self, run, store, origin):
        """Values of the chronic override exceptions of the store: none here,
        boh_forecast_ordering finds them in the store's orders."""
        return []

    @api.model
    def _cron_cleanup(self):
        limit = fields.Date.context_today(self) - timedelta(days=90)
        self.search([("state", "=", "reviewed"), ("date", "<", limit)]).unlink()
