from datetime import timedelta

import numpy as np

from odoo import fields

from .common import ForecastCase

DAYS = 364


class TestExceptions(ForecastCase):
    """Every exception type on a hand-built store history and forecast."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.origin = fields.Date.context_today(cls.env["boh.forecast"])
        cls.env["ir.config_parameter"].sudo().set_param("boh_forecast.risk_days", 2)
        names = ("Spike", "Drop", "Deviation", "Risk", "Quiet")
        cls.items = cls.env["product.product"].create(
            [{"name": f"Exception {n}", "is_storable": True} for n in names]
        )
        cls.spike, cls.drop, cls.deviation, cls.risk, cls.quiet = cls.items
        cls.fc_run = cls.env["boh.forecast.run"].create(
            {"date_origin": cls.origin, "horizon_days": 14}
        )
        # the store has stock history of the risky item only: 3 on hand
        quant = (
            cls.env["stock.quant"]
            .with_context(inventory_mode=True)
            .create(
                {
                    "product_id": cls.risk.id,
                    "location_id": cls.store_b.lot_stock_id.id,
                    "inventory_quantity": 3.0,
                }
            )
        )
        quant.action_apply_inventory()

    def _matrix(self):
        history = np.full((len(self.items), DAYS), 5.0)
        history[0, -7:] = 20.0  # spike: 140 in the last week against 35
        history[1, :] = 10.0
        history[1, -7:] = 1.0  # drop: 7 against 70
        return self.items.ids, history

    def _forecasts(self, daily):
        n = 14
        days = [self.origin + timedelta(days=k) for k in range(n)]
        return {
            "item": np.repeat(self.items.ids, n),
            "date": np.array(days * len(self.items), dtype=object),
            "qty": np.repeat(daily, n),
        }

    def test_every_exception_type(self):
        Exception_ = self.env["boh.forecast.exception"]
        items, history = self._matrix()
        # forecasts in line with the last 4 weeks, except the deviation item
        # (15 a day against 5)
        usual = history[:, -28:].sum(axis=1) / 28
        daily = usual.copy()
        daily[2] = 15.0
        result = Exception_._refresh_store(
            self.fc_run,
            self.store_b,
            self.origin,
            (np.array(items), history),
            self._forecasts(daily),
        )
        found = {(e.product_id, e.exception_type): e for e in result}
        self.assertEqual(
            set(found),
            {
                (self.spike, "spike"),
                (self.drop, "drop"),
                (self.deviation, "deviation"),
                (self.risk, "stockout_risk"),
            },
        )
        self.assertEqual(
            found[(self.spike, "spike")].reason,
            "140.0 sold in the last 7 days against 35.0 in a usual week of the 4"
            " before.",
        )
        self.assertEqual(
            found[(self.drop, "drop")].reason,
            "7.0 sold in the last 7 days against 70.0 in a usual week of the 4 before.",
        )
        self.assertEqual(
            found[(self.deviation, "deviation")].reason,
            "105.0 forecast for the next 7 days against 35.0 a week over the last"
            " 4 weeks.",
        )
        risk = found[(self.risk, "stockout_risk")]
        self.assertEqual(risk.priority, "1")
        self.assertEqual(
            risk.reason,
            "3.0 on hand for 10.0 forecast until the next delivery in 2 days.",
        )
        # each links to what explains it
        for (product, kind), exception in found.items():
            action = exception.action_open_details()
            self.assertIn(("product_id", "=", product.id), action["domain"])
            self.assertIn(("store_id", "=", self.store_b.id), action["domain"])
            expected = {
                "spike": "boh.demand.daily",
                "drop": "boh.demand.daily",
            }.get(kind, "boh.forecast")
            self.assertEqual(action["res_model"], expected)
        # a refresh replaces open exceptions, reviewed ones stay
        found[(self.spike, "spike")].action_mark_reviewed()
        Exception_._refresh_store(
            self.fc_run,
            self.store_b,
            self.origin,
            (np.array(items), history),
            self._forecasts(daily),
        )
        exceptions = Exception_.search([("store_id", "=", self.store_b.id)])
        self.assertEqual(len(exceptions), 5)
        self.assertEqual(len(exceptions.filtered(lambda e: e.state == "open")), 4)
        # enough stock: no risk any more
        self.env["stock.quant"]._update_available_quantity(
            self.risk, self.store_b.lot_stock_id, 20.0
        )
        result = Exception_._refresh_store(
            self.fc_run,
            self.store_b,
            self.origin,
            (np.array(items), history),
            self._forecasts(daily),
        )
        self.assertNotIn("stockout_risk", result.mapped("exception_type"))
