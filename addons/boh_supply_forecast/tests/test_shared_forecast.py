import io
from collections import defaultdict
from datetime import timedelta

import openpyxl

from odoo import Command, fields
from odoo.tests import HttpCase, tagged

from odoo.addons.boh_supply.tests.common import SupplyCase


class ForecastCase(SupplyCase):
    """Current forecasts for the next three weeks in stores A and B.

    Who supplies what: store A's guide gets Tour Milk (``product_lot``) from
    supplier 1, Tour Flour (``product``) from supplier 2 and Tour Sugar from
    the central warehouse; store B's guide gets Tour Flour from supplier 1,
    whose flour price is valid for the next 7 days only. Store C has no
    guide: it buys Tour Oil (Buy route) from its first seller, supplier 2.
    Tour Sugar has a supplier 1 price but comes from the central warehouse;
    the other products of store C (not bought) come from no supplier.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env.user)
        cls.monday = cls.today - timedelta(days=cls.today.weekday())
        cls.flour_end = cls.today + timedelta(days=6)
        cls.product.seller_ids.filtered(
            lambda s: s.partner_id == cls.supplier_1
        ).date_end = cls.flour_end
        buy = cls.env.ref("purchase_stock.route_warehouse0_buy")
        cls.oil, cls.sugar = cls.env["product.product"].create(
            [
                {
                    "name": "Tour Oil",
                    "is_storable": True,
                    "route_ids": [Command.set(buy.ids)],
                    "seller_ids": [
                        Command.create({"partner_id": cls.supplier_2.id, "price": 30.0})
                    ],
                },
                {
                    "name": "Tour Sugar",
                    "is_storable": True,
                    "seller_ids": [
                        Command.create({"partner_id": cls.supplier_1.id, "price": 2.0})
                    ],
                },
            ]
        )
        # Only oil is bought by the stores' replenishment (Buy route, which
        # products get by default).
        plain = cls.env["product.category"].create({"name": "Tour Not Bought"})
        not_bought = cls.product | cls.product_lot | cls.sugar
        not_bought.write({"categ_id": plain.id, "route_ids": [Command.clear()]})
        cls.oil.categ_id = plain
        cls.cw = cls.env["boh.store"].create(
            {"name": "Tour Central Warehouse", "code": "TCW", "store_type": "warehouse"}
        )

        def supplier_line(product, partner):
            return Command.create(
                {
                    "product_id": product.id,
                    "source_type": "supplier",
                    "partner_id": partner.id,
                }
            )

        cls.env["boh.order.guide"].create(
            [
                {
                    "name": "Tour Guide A",
                    "store_ids": [Command.set(cls.store_a.ids)],
                    "line_ids": [
                        supplier_line(cls.product_lot, cls.supplier_1),
                        supplier_line(cls.product, cls.supplier_2),
                        Command.create(
                            {
                                "product_id": cls.sugar.id,
                                "source_type": "central_warehouse",
                                "source_store_id": cls.cw.id,
                            }
                        ),
                    ],
                },
                {
                    "name": "Tour Guide B",
                    "store_ids": [Command.set(cls.store_b.ids)],
                    "line_ids": [supplier_line(cls.product, cls.supplier_1)],
                },
            ]
        )
        run = cls.env["boh.forecast.run"].create({"date_origin": cls.today})
        old_run = cls.env["boh.forecast.run"].create({"date_origin": cls.today})
        vals_list = []
        # (week, warehouse id, product id) -> quantity, per supplier
        cls.expected = {1: defaultdict(float), 2: defaultdict(float)}
        supplies = {
            (cls.store_a, cls.product_lot): 1,
            (cls.store_a, cls.product): 2,
            (cls.store_b, cls.product): 1,
            (cls.store_c, cls.oil): 2,
        }
        for offset in range(21):
            day = cls.today + timedelta(days=offset)
            week = day - timedelta(days=day.weekday())
            for store, factor in (
                (cls.store_a, 1.0),
                (cls.store_b, 2.0),
                (cls.store_c, 3.0),
            ):
                for product, qty in (
                    (cls.product_lot, 3.0),
                    (cls.oil, 5.0),
                    (cls.product, 1.0),
                    (cls.sugar, 7.0),
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
                    supplier = supplies.get((store, product))
                    if not supplier:
                        continue
                    if supplier == 1 and product == cls.product and day > cls.flour_end:
                        continue
                    cls.expected[supplier][
                        (week, store.warehouse_id.id, product.id)
                    ] += qty * factor
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
    def _demand(self, rows):
        return {
            key: row["forecast_qty"] for key, row in rows.items() if row["forecast_qty"]
        }

    def test_supplier_sees_what_it_supplies(self):
        rows = self._rows(self.supplier_1)
        self.assertEqual(self._demand(rows), dict(self.expected[1]))
        a, b = self.store_a.warehouse_id.id, self.store_b.warehouse_id.id
        pairs = {(key[1], key[2]) for key in self._demand(rows)}
        self.assertEqual(pairs, {(a, self.product_lot.id), (b, self.product.id)})
        # Flour at B stops with the validity of supplier 1's price.
        demand = self._demand(rows)
        flour_b = [key[0] for key in demand if key[1:] == (b, self.product.id)]
        self.assertLessEqual(max(flour_b), self.flour_end)
        # Sugar comes from the central warehouse: never shown.
        self.assertNotIn(self.sugar.id, {key[2] for key in rows})
        weeks = {key[0] for key in rows}
        self.assertTrue(weeks, "no week shown")
        not_monday = sorted(week for week in weeks if week.weekday() != 0)
        self.assertFalse(not_monday, f"weeks not starting on Monday: {not_monday}")
        self.assertEqual(min(weeks), self.monday)
        # The order already placed with supplier 1 is there too, in its week
        # and site, without the demand of a store it does not supply.
        pol = self.line_1
        week = pol.date_planned.date() - timedelta(days=pol.date_planned.weekday())
        ordered = rows[(week, a, self.product.id)]
        self.assertEqual(ordered["ordered_qty"], 10.0)
        self.assertEqual(ordered["forecast_qty"], 0.0)
        self.assertEqual(ordered["warehouse"], self.store_a.warehouse_id.name)

    def test_other_supplier_sees_what_it_supplies(self):
        rows = self._rows(self.supplier_2)
        self.assertEqual(self._demand(rows), dict(self.expected[2]))
        products = {key[2] for key in rows}
        self.assertEqual(products, {self.product.id, self.oil.id})
        # Supplier 1's order is not among supplier 2's orders.
        self.assertFalse(
            [r for r in rows.values() if r["ordered_qty"] == 10.0],
        )
        self.assertNotIn(
            (self.store_b.warehouse_id.id, self.product.id),
            {key[1:] for key in self._demand(rows)},
        )

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

    def _xlsx_rows(self, login):
        self.authenticate(login, login)
        response = self.url_open("/my/boh/forecast/xlsx?weeks=4")
        self.assertEqual(response.status_code, 200)
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        return {
            (row[1], row[2])
            for row in sheet.iter_rows(min_row=2, values_only=True)
            if row[4]
        }

    def test_portal_page_and_download(self):
        site_a = self.store_a.warehouse_id.name
        site_b = self.store_b.warehouse_id.name
        self.assertEqual(
            self._xlsx_rows("supplier_tour1"),
            {
                (site_a, self.product_lot.display_name),
                (site_b, self.product.display_name),
            },
        )
        self.assertEqual(
            self._xlsx_rows("supplier_tour2"),
            {
                (site_a, self.product.display_name),
                (self.store_c.warehouse_id.name, self.oil.display_name),
            },
        )
        self.assertNotIn(self.sugar.display_name, self._xlsx_products("supplier_tour1"))
        self.authenticate("supplier_tour2", "supplier_tour2")
        page = self.url_open("/my/boh/forecast").text
        self.assertIn(self.oil.display_name, page)
        self.assertNotIn(self.product_lot.display_name, page)
        self.assertNotIn(self.sugar.display_name, page)
        self.authenticate("supplier_tour1", "supplier_tour1")
        page = self.url_open("/my/boh/forecast").text
        self.assertIn(self.product_lot.display_name, page)
        self.assertNotIn(self.oil.display_name, page)
        self.assertNotIn(self.sugar.display_name, page)

    def test_visitor_gets_nothing(self):
        self.authenticate(None, None)
        response = self.url_open("/my/boh/forecast/xlsx", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        self.assertIn("/web/login", response.headers["Location"])
