import math
from datetime import timedelta
from statistics import NormalDist

import numpy as np

from odoo import fields
from odoo.exceptions import AccessError

from odoo.addons.boh_forecast.tests.common import trap_jobs
from odoo.addons.boh_ordering.tests.common import BohOrderingCase


class TestOrderpoints(BohOrderingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env["boh.forecast"])
        every_day = {
            **{f"order_{d}": True for d in ("mon", "tue", "wed", "thu", "fri")},
            **{
                f"delivery_{d}": True
                for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
            },
        }
        # the central warehouse supplies stores A and B, not C
        cls.env["boh.order.schedule"].create(
            [
                {
                    "store_id": store.id,
                    "source_type": "central_warehouse",
                    "source_store_id": cls.cw.id,
                    "lead_time_days": 1,
                    **every_day,
                }
                for store in (cls.store_a, cls.store_b)
            ]
        )
        cls.product_3.seller_ids.delay = 2
        # store B gets its milk from the central warehouse (store A from the
        # supplier): the warehouse stocks milk
        cls.env["boh.order.guide"].create(
            {
                "name": "Test Guide B",
                "store_ids": [(6, 0, cls.store_b.ids)],
                "line_ids": [(0, 0, cls._guide_line(cls.product_3, 10))],
            }
        )
        cls.fc_run = cls.env["boh.forecast.run"].create({"date_origin": cls.today})
        days = [cls.today + timedelta(days=k) for k in range(30)]
        products = (cls.product_1, cls.product_2, cls.product_3)
        for store in (cls.store_a, cls.store_b, cls.store_c):
            cls._forecast(store, products, days, 10.0)
        params = cls.env["ir.config_parameter"].sudo()
        params.set_param("boh_forecast.orderpoint_lead_days", 3)
        params.set_param("boh_forecast.orderpoint_review_days", 7)
        # a rule kept by hand is never overwritten
        cls.manual = cls.env["stock.warehouse.orderpoint"].create(
            {
                "warehouse_id": cls.cw.warehouse_id.id,
                "location_id": cls.cw.lot_stock_id.id,
                "product_id": cls.product_1.id,
                "product_min_qty": 1.0,
                "product_max_qty": 2.0,
            }
        )

    @classmethod
    def _forecast(cls, store, products, days, level):
        n = len(days)
        cls.env["boh.forecast"]._write_store_forecasts(
            cls.fc_run,
            store,
            cls.today,
            {
                "item": np.repeat([p.id for p in products], n),
                "date": np.array(days * len(products), dtype=object),
                "qty": np.full(n * len(products), level),
                "p10": np.full(n * len(products), level - 2),
                "p50": np.full(n * len(products), level),
                "p90": np.full(n * len(products), level + 2),
                "model": np.array(["ets"] * n * len(products), dtype=object),
            },
        )

    def _expected(self, lead, review=7, stores=2, level=10.0):
        # per store and day sigma = (P90 - P10) / 2.563; the warehouse's
        # demand sums the stores: variance per day = stores * sigma^2, over
        # lead + review days
        sigma = 4.0 / 2.563
        safety = NormalDist().inv_cdf(0.95) * math.sqrt(
            (lead + review) * stores * sigma**2
        )
        return (
            stores * level * lead + safety,
            stores * level * (lead + review) + safety,
        )

    def _rule(self, product):
        return self.env["stock.warehouse.orderpoint"].search(
            [
                ("location_id", "=", self.cw.lot_stock_id.id),
                ("product_id", "=", product),
            ]
        )

    def test_min_max_from_forecasts(self):
        Orderpoint = self.env["stock.warehouse.orderpoint"]
        count = Orderpoint._boh_update_from_forecasts(self.cw, today=self.today)
        self.assertEqual(count, 2)
        cups, milk = self._rule(self.product_2.id), self._rule(self.product_3.id)
        self.assertTrue(cups.boh_forecast_managed)
        self.assertEqual(cups.boh_forecast_date, self.today)
        # cups: no supplier, lead time of the parameter (3 days)
        low, high = self._expected(3)
        self.assertAlmostEqual(cups.product_min_qty, low, places=1)
        self.assertAlmostEqual(cups.product_max_qty, high, places=1)
        # milk: the supplier's delay (2 days)
        low, high = self._expected(2)
        self.assertAlmostEqual(milk.product_min_qty, low, places=1)
        self.assertAlmostEqual(milk.product_max_qty, high, places=1)
        # the manual rule is left alone
        self.assertEqual(self.manual.product_min_qty, 1.0)
        self.assertEqual(self.manual.product_max_qty, 2.0)
        # new forecasts: the same rules are updated, none is added
        self._forecast(
            self.store_a,
            [self.product_2],
            [self.today + timedelta(days=k) for k in range(30)],
            20.0,
        )
        Orderpoint._boh_update_from_forecasts(self.cw, today=self.today)
        self.assertEqual(self._rule(self.product_2.id), cups)
        self.assertGreater(cups.product_min_qty, low + 20)
        self.assertEqual(
            Orderpoint.search_count([("location_id", "=", self.cw.lot_stock_id.id)]),
            3,
        )

    def test_run_end_queues_the_update(self):
        run = self.env["boh.forecast.run"].create(
            {"date_origin": self.today, "store_ids": [(6, 0, self.store_a.ids)]}
        )
        run.state = "running"
        self.env["boh.forecast.run.store"].create(
            {"run_id": run.id, "store_id": self.store_a.id, "state": "done"}
        )
        # turned off: nothing queued
        params = self.env["ir.config_parameter"].sudo()
        params.set_param("boh_forecast.write_orderpoints", "False")
        with trap_jobs() as trap:
            run._check_finished()
            trap.assert_jobs_count(0)
        run.state = "running"
        # on by default (no parameter)
        params.search([("key", "=", "boh_forecast.write_orderpoints")]).unlink()
        with trap_jobs() as trap:
            run._check_finished()
            trap.assert_jobs_count(1, only=run._job_update_orderpoints)
            trap.perform_enqueued_jobs()
        self.assertEqual(run.state, "done")
        self.assertTrue(self._rule(self.product_2.id).boh_forecast_managed)
        # the planner's button does the same at once
        action = run.with_user(self.buyer).action_update_orderpoints()
        self.assertEqual(action["params"]["type"], "success")
        # store staff cannot read runs, nor write reordering rules
        with self.assertRaises(AccessError):
            run.with_user(self.staff_a).action_update_orderpoints()

    def test_only_products_the_warehouse_stocks(self):
        """Products the stores get from a supplier or a kitchen get no rule at
        the central warehouse; a product with a rule there already is kept
        up to date even if no guide sources it from the warehouse."""
        Product = self.env["product.product"]
        from_kitchen, from_supplier, ruled = Product.create(
            [
                {"name": f"Test {name}", "is_storable": True}
                for name in ("Soup", "Bread", "Napkins")
            ]
        )
        self.guide.line_ids = [
            (
                0,
                0,
                {
                    "product_id": from_kitchen.id,
                    "source_type": "central_kitchen",
                    "source_store_id": self.ck.id,
                    "qty_par": 5,
                },
            ),
            (
                0,
                0,
                {
                    "product_id": from_supplier.id,
                    "source_type": "supplier",
                    "partner_id": self.supplier.id,
                    "qty_par": 5,
                },
            ),
        ]
        rule = self.env["stock.warehouse.orderpoint"].create(
            {
                "warehouse_id": self.cw.warehouse_id.id,
                "location_id": self.cw.lot_stock_id.id,
                "product_id": ruled.id,
                "product_min_qty": 0.0,
                "product_max_qty": 0.0,
                "boh_forecast_managed": True,
            }
        )
        days = [self.today + timedelta(days=k) for k in range(30)]
        for store in (self.store_a, self.store_b):
            self._forecast(store, from_kitchen | from_supplier | ruled, days, 10.0)
        run = self.env["boh.forecast.run"].create({"date_origin": self.today})
        run.with_user(self.buyer).action_update_orderpoints()
        self.assertFalse(self._rule(from_kitchen.id))
        self.assertFalse(self._rule(from_supplier.id))
        low, high = self._expected(3)
        self.assertAlmostEqual(rule.product_min_qty, low, places=1)
        self.assertAlmostEqual(rule.product_max_qty, high, places=1)
