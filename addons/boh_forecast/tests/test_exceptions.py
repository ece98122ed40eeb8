from datetime import timedelta

import numpy as np

from odoo import fields

from odoo.addons.boh_ordering.tests.common import BohOrderingCase

DAYS = 364


class TestExceptions(BohOrderingCase):
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
