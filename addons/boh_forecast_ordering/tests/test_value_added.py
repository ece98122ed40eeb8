from datetime import timedelta

from odoo.exceptions import AccessError

from odoo.addons.boh_forecast.lib import accuracy

from .test_suggestions import SuggestionCase


class TestOverrideValueAdded(SuggestionCase):
    def _sell(self, product, day, qtys, out=()):
        self.env["boh.demand.daily"]._upsert(
            "import",
            [self.store_a.id] * len(qtys),
            [product.id] * len(qtys),
            [day + timedelta(days=k) for k in range(len(qtys))],
            qtys,
            [k in out for k in range(len(qtys))],
        )

    def test_hand_computed_value_added(self):
        order = self._order()
        cups = order.line_ids.filtered(lambda ln: ln.product_id == self.product_2)
        # suggested 30 for a coverage of 3 days from today (lead 2 + review 1),
        # 5 on hand; the store overrides it to 36
        self.assertEqual(cups.qty_suggested, 30.0)
        self.assertEqual(cups.suggestion_explanation["coverage_days"], 3)
        cups.qty_ordered = 36.0
        # the actual sales over the coverage: 10 + 12 + 9 = 31, so the order
        # that covered them exactly was 31 - 5 on hand = 26
        self._sell(self.product_2, self.today, [10.0, 12.0, 9.0])
        ValueAdded = self.env["boh.forecast.value.added"]
        end = self.today + timedelta(days=3)
        # a draft order is not a decision yet
        self.assertEqual(ValueAdded._refresh(self.store_a, end), 0)
        order.write({"state": "submitted"})
        # the coverage is not over the day before its end
        self.assertEqual(ValueAdded._refresh(self.store_a, end - timedelta(days=1)), 0)
        self.assertEqual(ValueAdded._refresh(self.store_a, end), 1)
        row = ValueAdded.search([("order_line_id", "=", cups.id)])
        self.assertEqual(row.date_from, self.today)
        self.assertEqual(row.date_to, self.today + timedelta(days=2))
        self.assertEqual(row.actual, 31.0)
        self.assertEqual(row.need, 26.0)
        self.assertTrue(row.overridden)
        # suggestion off by +4, order off by +10: the override lost 6 units
        self.assertEqual(row.suggested_error, 4.0)
        self.assertEqual(row.ordered_error, 10.0)
        self.assertEqual(row.value_added, -6.0)
        [(sug, ordd, pct, units)] = ValueAdded._read_group(
            [("store_id", "=", self.store_a.id)],
            [],
            [
                "suggested_wape:avg",
                "ordered_wape:avg",
                "value_added_pct:avg",
                "value_added:sum",
            ],
        )
        self.assertAlmostEqual(sug, 4 / 31)
        self.assertAlmostEqual(ordd, 10 / 31)
        self.assertAlmostEqual(pct, -6 / 31)
        self.assertEqual(units, -6.0)
        # lines suggested from par levels (no forecast) are not compared
        self.assertEqual(len(ValueAdded.search([("order_id", "=", order.id)])), 1)
        # refreshing again replaces the row
        ValueAdded._refresh(self.store_a, end)
        row = ValueAdded.search([("order_id", "=", order.id)])
        self.assertEqual(len(row), 1)
        self.assertEqual(row.value_added, -6.0)
        # store staff see their stores' rows only
        domain = [("id", "=", row.id)]
        self.assertEqual(ValueAdded.with_user(self.staff_a).search(domain), row)
        self.assertEqual(ValueAdded.with_user(self.area_1).search(domain), row)
        self.assertFalse(ValueAdded.with_user(self.manager_b).search(domain))
        self.assertFalse(ValueAdded.with_user(self.area_2).search(domain))
        with self.assertRaises(AccessError):
            row.with_user(self.staff_a).unlink()
        # the XLSX export renders both kinds of figures
        report = self.env.ref("boh_forecast_ordering.boh_forecast_value_added_xlsx")
        content, kind = report._render(report.report_name, row.ids, {})
        self.assertEqual(kind, "xlsx")
        self.assertTrue(content.startswith(b"PK"))
        # a day out of stock in the coverage: the demand is unknown
        self._sell(self.product_2, self.today, [10.0, 12.0, 9.0], out=(1,))
        self.assertEqual(ValueAdded._refresh(self.store_a, end), 0)
        self.assertFalse(ValueAdded.search([("order_line_id", "=", cups.id)]))

    def test_value_added_formula(self):
        # two lines: the first overridden up (worse), the second overridden to
        # exactly the need (better): errors 4 + 2 = 6 vs 10 + 0 = 10
        figures = accuracy.override_value_added([31, 20], [26, 20], [30, 18], [36, 20])
        self.assertEqual(figures["suggested_error"], 6.0)
        self.assertEqual(figures["ordered_error"], 10.0)
        self.assertEqual(figures["value_added"], -4.0)
        self.assertAlmostEqual(figures["value_added_pct"], -4 / 51)
        self.assertIsNone(
            accuracy.override_value_added([0], [0], [1], [0])["value_added_pct"]
        )
        with self.assertRaises(ValueError):
            accuracy.override_value_added([1], [1, 2], [1], [1])
