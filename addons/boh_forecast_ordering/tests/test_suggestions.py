from datetime import timedelta

import numpy as np

from odoo import fields
from odoo.tests import HttpCase, tagged

from odoo.addons.boh_ordering.tests.common import BohOrderingCase


class SuggestionCase(BohOrderingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = fields.Date.context_today(cls.env["boh.forecast"])
        cls.today = today
        cls.env["boh.order.schedule"].create(
            {
                "store_id": cls.store_a.id,
                "source_type": "central_warehouse",
                "source_store_id": cls.cw.id,
                "lead_time_days": 1,
                **{f"order_{d}": True for d in ("mon", "tue", "wed", "thu", "fri")},
                **{
                    f"delivery_{d}": True
                    for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
                },
            }
        )
        # cups: 10 a day (P10 8, P90 12) from today, for 14 days
        run = cls.env["boh.forecast.run"].create({"date_origin": today})
        days = [today + timedelta(days=k) for k in range(14)]
        cls.env["boh.forecast"]._write_store_forecasts(
            run,
            cls.store_a,
            today,
            {
                "item": np.array([cls.product_2.id] * 14),
                "date": np.array(days, dtype=object),
                "qty": np.full(14, 10.0),
                "p10": np.full(14, 8.0),
                "p50": np.full(14, 10.0),
                "p90": np.full(14, 12.0),
                "model": np.array(["ets"] * 14, dtype=object),
            },
        )
        cls._set_stock_cls(cls.product_2, 5)

    @classmethod
    def _set_stock_cls(cls, product, qty):
        cls.env["stock.quant"]._update_available_quantity(
            product, cls.store_a.lot_stock_id, qty
        )

    def _order(self):
        return self._create_order(delivery_date=self.today + timedelta(days=2))


class TestSuggestions(SuggestionCase):
    def test_forecast_suggestion_explained(self):
        order = self._order()
        cups = order.line_ids.filtered(lambda ln: ln.product_id == self.product_2)
        flour = order.line_ids.filtered(lambda ln: ln.product_id == self.product_1)
        # coverage 2 days to delivery + 1 day to the next one = 3 days:
        # demand 30, sigma/day (12 - 8) / 2.563, safety 1.645 * sqrt(3) * 1.5607
        exp = cups.suggestion_explanation
        self.assertEqual(exp["method"], "forecast")
        self.assertEqual(exp["coverage_days"], 3)
        self.assertAlmostEqual(exp["forecast"], 30.0)
        self.assertAlmostEqual(exp["safety_stock"], 4.447, places=2)
        self.assertEqual(exp["on_hand"], 5.0)
        self.assertEqual(exp["service_level"], 95.0)
        # need 29.45 -> 5 packs of 6
        self.assertEqual(cups.qty_suggested, 30.0)
        self.assertAlmostEqual(exp["rounding"], 30.0 - 29.447, places=2)
        self.assertFalse(exp["shelf_life_capped"])
        # no forecast for flour: the par level stays
        self.assertEqual(flour.suggestion_explanation["method"], "par")

    def test_shelf_life_caps_the_suggestion(self):
        self.product_2.product_tmpl_id.boh_shelf_life_days = 1
        order = self._order()
        cups = order.line_ids.filtered(lambda ln: ln.product_id == self.product_2)
        exp = cups.suggestion_explanation
        # sells 3 x 10 until expiry of what arrives, minus 5 on hand -> 25,
        # rounded down to 4 packs of 6
        self.assertTrue(exp["shelf_life_capped"])
        self.assertAlmostEqual(exp["shelf_life_cap"], 25.0)
        self.assertEqual(cups.qty_suggested, 24.0)

    def test_service_level_of_the_class(self):
        self.env["boh.forecast.product.class"].create(
            {
                "store_id": self.store_a.id,
                "product_id": self.product_2.id,
                "abc_class": "c",
                "xyz_class": "z",
            }
        )
        order = self._order()
        cups = order.line_ids.filtered(lambda ln: ln.product_id == self.product_2)
        self.assertEqual(cups.suggestion_explanation["service_level"], 88.0)

    def test_supplier_order_from_guide_with_purchase_unit(self):
        """A supplier-sourced order generated from the guide reads the
        supplier's minimum in its purchase unit (a box of 12)."""
        milk = self.product_3
        milk.product_tmpl_id.uom_po_id = self.uom_dozen
        # 2 boxes of 12 at least, the price line of the order's supplier
        milk.seller_ids.write({"min_qty": 2.0})
        days = [self.today + timedelta(days=k) for k in range(14)]
        run = self.env["boh.forecast.run"].create({"date_origin": self.today})
        self.env["boh.forecast"]._write_store_forecasts(
            run,
            self.store_a,
            self.today,
            {
                "item": np.array([milk.id] * 14),
                "date": np.array(days, dtype=object),
                "qty": np.full(14, 2.0),
                "p10": np.full(14, 1.0),
                "p50": np.full(14, 2.0),
                "p90": np.full(14, 3.0),
                "model": np.array(["ets"] * 14, dtype=object),
            },
        )
        order = self._create_order(
            source_type="supplier",
            source_store_id=False,
            partner_id=self.supplier.id,
            delivery_date=self.today + timedelta(days=2),
        )
        line = order.line_ids
        self.assertEqual(line.product_id, milk)
        exp = line.suggestion_explanation
        self.assertEqual(exp["method"], "forecast")
        # 2 boxes of 12 in the line's unit (units)
        self.assertAlmostEqual(exp["moq"], 24.0)
        self.assertTrue(exp["moq_applied"])
        self.assertEqual(line.qty_suggested, 24.0)
        # Refresh reads the same minimum
        order.action_refresh_suggestions()
        self.assertEqual(line.qty_suggested, 24.0)


@tagged("post_install", "-at_install")
class TestSuggestionTour(HttpCase, SuggestionCase):
    def test_explanation_popover(self):
        order = self._order()
        self.start_tour(
            f"/odoo/action-boh_ordering.boh_store_order_action/{order.id}",
            "boh_forecast_explanation_tour",
            login="boh_buyer",
        )
