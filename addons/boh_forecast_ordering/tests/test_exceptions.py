from datetime import timedelta

import numpy as np

from odoo import fields

from odoo.addons.boh_ordering.tests.common import BohOrderingCase

DAYS = 364


class TestOrderingExceptions(BohOrderingCase):
    """The exceptions read from the stores' orders and schedules."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.origin = fields.Date.context_today(cls.env["boh.forecast"])
        cls.env["ir.config_parameter"].sudo().set_param("boh_forecast.risk_days", 2)
        cls.fc_run = cls.env["boh.forecast.run"].create(
            {"date_origin": cls.origin, "horizon_days": 14}
        )

    def test_risk_days_until_the_next_scheduled_delivery(self):
        Exception_ = self.env["boh.forecast.exception"]
        products = (self.product_1 | self.product_2).ids
        # store B is delivered 4 days from today only
        weekday = (self.origin + timedelta(days=4)).weekday()
        day = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")[weekday]
        self.env["boh.order.schedule"].create(
            {
                "store_id": self.store_b.id,
                "source_type": "central_warehouse",
                "source_store_id": self.cw.id,
                f"order_{day}": True,
                f"delivery_{day}": True,
            }
        )
        self.assertEqual(
            Exception_._get_risk_days(self.store_b, products),
            dict.fromkeys(products, 4),
        )
        # a store without a schedule keeps the parameter
        self.assertEqual(
            Exception_._get_risk_days(self.store_c, products),
            dict.fromkeys(products, 2),
        )
        # the stock-out risk reason says so: 3 on hand for 4 days of 5 a day
        quant = (
            self.env["stock.quant"]
            .with_context(inventory_mode=True)
            .create(
                {
                    "product_id": self.product_1.id,
                    "location_id": self.store_b.lot_stock_id.id,
                    "inventory_quantity": 3.0,
                }
            )
        )
        quant.action_apply_inventory()
        history = np.full((1, DAYS), 5.0)
        forecasts = {
            "item": np.repeat(self.product_1.ids, 14),
            "date": np.array(
                [self.origin + timedelta(days=k) for k in range(14)], dtype=object
            ),
            "qty": np.full(14, 5.0),
        }
        result = Exception_._refresh_store(
            self.fc_run,
            self.store_b,
            self.origin,
            (np.array(self.product_1.ids), history),
            forecasts,
        )
        risk = result.filtered(lambda e: e.exception_type == "stockout_risk")
        self.assertEqual(
            risk.reason,
            "3.0 on hand for 20.0 forecast until the next delivery in 4 days.",
        )

    def test_chronic_override(self):
        Exception_ = self.env["boh.forecast.exception"]
        # suggested 10 on 4 orders of the last week: cups ordered 20 on
        # 3 of them (chronic), flour 20 on 2 of them only (not chronic)
        for weeks in range(4):
            order = self._create_order(
                delivery_date=self.origin - timedelta(days=1 + 2 * weeks)
            )
            overridden = {self.product_2: weeks < 3, self.product_1: weeks < 2}
            for line in order.line_ids:
                line.write(
                    {
                        "qty_suggested": 10.0,
                        "qty_ordered": 20.0
                        if overridden.get(line.product_id)
                        else 10.0,
                    }
                )
            order.write({"state": "submitted"})
        empty = (np.array([]), np.zeros((0, DAYS)))
        result = Exception_._refresh_store(
            self.fc_run, self.store_a, self.origin, empty, {}
        )
        self.assertEqual(result.mapped("exception_type"), ["override"])
        self.assertEqual(result.product_id, self.product_2)
        # the reason sums the decided cups lines of the last 4 weeks
        decided = self.env["boh.store.order.line"].search(
            [
                ("store_id", "=", self.store_a.id),
                ("product_id", "=", self.product_2.id),
                ("state", "not in", ("draft", "cancel")),
                ("delivery_date", ">=", self.origin - timedelta(days=28)),
                ("delivery_date", "<", self.origin),
            ]
        )
        changed = decided.filtered(lambda ln: ln.qty_ordered != ln.qty_suggested)
        # 3 of 4 overridden: 3 x 20 + 10 = 70 ordered against 4 x 10 suggested
        self.assertEqual((len(changed), len(decided)), (3, 4))
        self.assertEqual(
            result.reason,
            f"{len(changed)} of the last {len(decided)} orders overrode the"
            f" suggestion: {sum(decided.mapped('qty_ordered')):.1f} ordered against"
            f" {sum(decided.mapped('qty_suggested')):.1f} suggested.",
        )
        action = result.action_open_details()
        self.assertEqual(action["res_model"], "boh.store.order.line")
        lines = self.env["boh.store.order.line"].search(action["domain"])
        self.assertEqual(lines, decided)
        # orders older than 4 weeks do not count
        result = Exception_._refresh_store(
            self.fc_run, self.store_a, self.origin + timedelta(days=40), empty, {}
        )
        self.assertFalse(result)
