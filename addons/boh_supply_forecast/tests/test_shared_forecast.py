import io
from collections import defaultdict
from datetime import timedelta

import openpyxl

from odoo import Command, fields
from odoo.tests import HttpCase, tagged

from odoo.addons.boh_supply.tests.common import SupplyCase


class ForecastCase(SupplyCase):
    """Current forecasts for the next three weeks in stores A and B.

    ``product_lot`` (Tour Milk) is supplier 1's only, ``oil`` supplier 2's
    only, ``product`` (Tour Flour) both suppliers'.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.oil = cls.env["product.product"].create(
            {
                "name": "Tour Oil",
                "is_storable": True,
                "seller_ids": [
                    Command.create({"partner_id": cls.supplier_2.id, "price": 30.0})
                ],
            }
        )
        cls.today = fields.Date.context_today(cls.env.user)
        cls.monday = cls.today - timedelta(days=cls.today.weekday())
        run = cls.env["boh.forecast.run"].create({"date_origin": cls.today})
        old_run = cls.env["boh.forecast.run"].create({"date_origin": cls.today})
        vals_list = []
        cls.expected = defaultdict(float)
        for offset in range(21):
            day = cls.today + timedelta(days=offset)
            week = day - timedelta(days=day.weekday())
            for store, factor in ((cls.store_a, 1.0), (cls.store_b, 2.0)):
                for product, qty in (
                    (cls.product_lot, 3.0),
                    (cls.oil, 5.0),
                    (cls.product, 1.0),
                ):
                    vals_list.append(
                        {
                            "run_id": run.id,
                            "store_id": store.id,
                            "product_id": product.id,
                            "date": day,
                            "horizon": offset + 1,
                            "qty": qty * factor,
                            "is_current": True,
                            "company_id": store.company_id.id,
                        }
                    )
                    cls.expected[(week, store.warehouse_id.id, product.id)] += (
                        qty * factor
                    )
                # An older run's row: not current, never shown.
                vals_list.append(
                    {
                        "run_id": old_run.id,
                        "store_id": store.id,
                        "product_id": cls.product_lot.id,
                        "date": day,
                        "horizon": offset + 1,
                        "qty": 1000.0,
                        "is_current": False,
                        "company_id": store.company_id.id,
                    }
                )
        cls.env["boh.forecast"].create(vals_list)

    def _rows(self, supplier, weeks=8):
        rows = self.env["boh.supply.forecast"]._get_shared_forecast(supplier, weeks)
        return {(r["week"], r["warehouse_id"], r["product_id"]): r for r in rows}


@tagged("post_install", "-at_install")
class TestSharedForecast(ForecastCase):
    def test_supplier_sees_demand_of_its_products(self):
        rows = self._rows(self.supplier_1)
        products = {key[2] for key in rows}
        self.assertEqual(products, {self.product.id, self.product_lot.id})
        for key, qty in self.expected.items():
            if key[2] == self.oil.id:
                continue
            self.assertAlmostEqual(rows[key]["forecast_qty"], qty, msg=str(key))
        weeks = {key[0] for key in rows}
        self.assertTrue(all(week.weekday() == 0 for week in weeks))
        self.assertEqual(min(weeks), self.monday)
        # The order already placed is there too, in its week and site.
        pol = self.line_1
        week = pol.date_planned.date() - timedelta(days=pol.date_planned.weekday())
        ordered = rows[(week, self.store_a.warehouse_id.id, self.product.id)]
        self.assertEqual(ordered["ordered_qty"], 10.0)
        self.assertEqual(ordered["warehouse"], self.store_a.warehouse_id.name)

    def test_other_supplier_sees_nothing_of_it(self):
        rows = self._rows(self.supplier_2)
        products = {key[2] for key in rows}
        self.assertEqual(products, {self.product.id, self.oil.id})
        self.assertNotIn(self.product_lot.id, products)
        # Supplier 1's order is not among supplier 2's orders.
        self.assertFalse(
            [r for r in rows.values() if r["ordered_qty"] == 10.0],
        )
        key = (self.monday, self.store_b.warehouse_id.id, self.oil.id)
        self.assertAlmostEqual(rows[key]["forecast_qty"], self.expected[key])

    def test_horizon(self):
        rows = self._rows(self.supplier_1, weeks=1)
        self.assertEqual({key[0] for key in rows}, {self.monday})
        self.assertFalse(
            self.env["boh.supply.forecast"]._forecast_demand(
                self.env["product.product"], self.monday, self.today
            )
        )

    def test_iso_weeks_around_new_year(self):
        Forecast = self.env["boh.supply.forecast"]
        first = fields.Date.to_date("2026-12-21")
        last = first + timedelta(weeks=4)
        year = fields.Date.to_date("2026-01-01")
        # Dec 28, 2026 is the Monday of ISO week 53 of 2026; Jan 4, 2027 of
        # week 1 of 2027, whose days of December 2026 group under 2026.
        self.assertEqual(
            Forecast._week_of(year, 53, first, last), fields.Date.to_date("2026-12-28")
        )
        self.assertEqual(
            Forecast._week_of(year, 1, first, last), fields.Date.to_date("2027-01-04")
        )
        self.assertIsNone(Forecast._week_of(year, 30, first, last))


@tagged("post_install", "-at_install")
class TestSharedForecastPortal(ForecastCase, HttpCase):
    def _xlsx_products(self, login):
        self.authenticate(login, login)
        response = self.url_open("/my/boh/forecast/xlsx?weeks=4")
        self.assertEqual(response.status_code, 200)
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        return {row[2] for row in sheet.iter_rows(min_row=2, values_only=True)}

    def test_portal_page_and_download(self):
        self.assertEqual(
            self._xlsx_products("supplier_tour1"),
            {self.product.display_name, self.product_lot.display_name},
        )
        products = self._xlsx_products("supplier_tour2")
        self.assertIn(self.oil.display_name, products)
        self.assertNotIn(self.product_lot.display_name, products)
        self.authenticate("supplier_tour2", "supplier_tour2")
        page = self.url_open("/my/boh/forecast").text
        self.assertIn(self.oil.display_name, page)
        self.assertNotIn(self.product_lot.display_name, page)

    def test_visitor_gets_nothing(self):
        self.authenticate(None, None)
        response = self.url_open("/my/boh/forecast/xlsx", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        self.assertIn("/web/login", response.headers["Location"])
