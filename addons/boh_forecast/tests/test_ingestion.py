import base64
from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo.exceptions import UserError

from .common import ForecastCase


class TestIngestion(ForecastCase):
    def _totals(self):
        groups = self.Demand._read_group(
            [("store_id", "in", self.test_stores.ids)], ["source"], ["qty:sum"]
        )
        return {source: qty for source, qty in groups}

    def test_upsert_twice_same_totals(self):
        self._history(self.store_a, self.p1, [3, 4, 5])
        first = self._totals()
        changed = self.Demand._upsert(
            "import",
            [self.store_a.id] * 3,
            [self.p1.id] * 3,
            [self.ORIGIN - timedelta(days=k) for k in (3, 2, 1)],
            [3, 4, 5],
            [False] * 3,
        )
        self.assertEqual(changed, 0, "a re-run must not touch any row")
        self.assertEqual(self._totals(), first)
        self.assertEqual(first["import"], 12)

    def _move_out(self, store, product, qty, when):
        customer = self.env.ref("stock.stock_location_customers")
        with freeze_time(when):
            move = self.env["stock.move"].create(
                {
                    "name": "consumption",
                    "product_id": product.id,
                    "product_uom_qty": qty,
                    "product_uom": product.uom_id.id,
                    "location_id": store.lot_stock_id.id,
                    "location_dest_id": customer.id,
                }
            )
            move._action_confirm()
            move._action_assign()
            move.quantity = qty
            move.picked = True
            move._action_done()
        return move

    def _stock_in(self, store, product, qty, when):
        supplier = self.env.ref("stock.stock_location_suppliers")
        with freeze_time(when):
            move = self.env["stock.move"].create(
                {
                    "name": "receipt",
                    "product_id": product.id,
                    "product_uom_qty": qty,
                    "product_uom": product.uom_id.id,
                    "location_id": supplier.id,
                    "location_dest_id": store.lot_stock_id.id,
                }
            )
            move._action_confirm()
            move.quantity = qty
            move.picked = True
            move._action_done()

    def test_stock_moves_idempotent_and_censored(self):
        day1 = datetime(2025, 4, 28, 4, 0)
        day2 = datetime(2025, 4, 29, 4, 0)
        self._stock_in(self.store_a, self.p1, 10, day1 - timedelta(hours=2))
        self._move_out(self.store_a, self.p1, 4, day1)
        self._move_out(self.store_a, self.p1, 6, day2)  # nothing left
        self.Demand._ingest_stock_moves()
        rows = self.Demand.search(
            [("store_id", "=", self.store_a.id), ("source", "=", "stock")]
        )
        self.assertEqual(sorted(rows.mapped("qty")), [4.0, 6.0])
        # again, and again from the very beginning: nothing changes
        self.assertEqual(self.Demand._ingest_stock_moves(), 0)
        self.assertEqual(self.Demand._ingest_stock_moves(since=datetime(2000, 1, 1)), 0)
        self.assertEqual(self._totals()["stock"], 10.0)
        # censoring: end of 29 April is at 0, end of 28 April is at 6
        self.Demand._mark_stockouts(
            day1.date() - timedelta(days=1), day2.date() + timedelta(days=1)
        )
        flags = {r.date: r.stockout for r in rows}
        self.assertFalse(flags[day1.date()])
        self.assertTrue(flags[day2.date()])
        # the day after, no sale but still out of stock: a censored row
        after = self.Demand.search(
            [
                ("store_id", "=", self.store_a.id),
                ("date", "=", day2.date() + timedelta(days=1)),
            ]
        )
        self.assertTrue(after.stockout)
        self.assertEqual(after.qty, 0.0)
        # a store that never tracked stock is not marked
        self._history(self.store_b, self.p1, [0, 0, 0], end=day2.date())
        self.Demand._mark_stockouts(day1.date(), day2.date())
        self.assertFalse(
            self.Demand.search(
                [("store_id", "=", self.store_b.id), ("stockout", "=", True)]
            )
        )

    def test_external_rows_errors(self):
        rows = [
            {"store": "TSA", "product": "FC-1", "date": "2025-04-01", "qty": 3},
            {"store": "NOPE", "product": "FC-1", "date": "2025-04-01", "qty": 3},
            {"store": "TSA", "product": "FC-9", "date": "2025-04-01", "qty": 3},
            {"store": "TSA", "product": "FC-2", "date": "01/04/2025x", "qty": 3},
            {"store": "TSA", "product": "FC-2", "date": "2025-04-02", "qty": "a"},
            {"store": "TSA", "product": "FC-2", "date": "2025-04-03", "qty": -1},
            {
                "store": "TSA",
                "product": "69000000" + "3",
                "date": "2025-04-03",
                "qty": 1,
            },
            {"store": "TSA", "product": "FC-1", "date": "2025-04-01", "qty": 3},
        ]
        values, errors = self.Demand._prepare_external_rows(rows, self.env.company)
        found = {(e["row"], e["field"]) for e in errors}
        self.assertEqual(
            found,
            {
                (2, "store"),
                (3, "product"),
                (4, "date"),
                (5, "qty"),
                (6, "qty"),
                (8, "date"),
            },
        )
        self.assertIn("NOPE", next(e["message"] for e in errors if e["row"] == 2))
        # the barcode finds product 3, row 1 and 7 are fine
        self.assertEqual(values["products"], [self.p1.id, self.p3.id])

    def _wizard(self, content, filename="sales.csv", kind="sales"):
        return self.env["boh.demand.import.wizard"].create(
            {
                "import_type": kind,
                "file": base64.b64encode(content.encode()),
                "filename": filename,
            }
        )

    def test_import_wizard(self):
        bad = self._wizard(
            "store,product,date,qty\nTSA,FC-1,2025-04-01,2\nTSA,FC-1,2025-04-02,x\n"
        )
        with self.assertRaisesRegex(UserError, "Row 3: qty"):
            bad.action_import()
        self.assertFalse(self.Demand.search([("store_id", "=", self.store_a.id)]))
        missing = self._wizard("store,product,qty\nTSA,FC-1,2\n")
        with self.assertRaisesRegex(UserError, "missing column"):
            missing.action_import()
        good = self._wizard(
            "store,product,date,qty,stockout\nTSA,FC-1,2025-04-01,2,0\n"
            "TSA,FC-2,2025-04-01,5,yes\n"
        )
        good.action_import()
        good_again = self._wizard(
            "store,product,date,qty,stockout\nTSA,FC-1,2025-04-01,2,0\n"
            "TSA,FC-2,2025-04-01,5,yes\n"
        )
        good_again.action_import()
        self.assertIn("0 days", good_again.result)
        self.assertEqual(self._totals()["import"], 7.0)
        self.assertTrue(self.Demand.search([("product_id", "=", self.p2.id)]).stockout)

    def test_import_wizard_amount(self):
        """The optional amount column gives the day's net sales; a file
        without it keeps them; a bad amount refuses the whole file."""
        self._wizard(
            "store,product,date,qty,amount\nTSA,FC-1,2025-04-01,2,19.5\n"
            "TSA,FC-2,2025-04-01,5,\n"
        ).action_import()
        rows = self.Demand.search([("store_id", "=", self.store_a.id)])
        by_product = {r.product_id: r for r in rows}
        self.assertEqual(by_product[self.p1].amount, 19.5)
        self.assertEqual(by_product[self.p2].amount, 0.0)
        # the same day again without amounts changes the quantity only
        self._wizard("store,product,date,qty\nTSA,FC-1,2025-04-01,3\n").action_import()
        row = by_product[self.p1]
        self.assertEqual((row.qty, row.amount), (3, 19.5))
        bad = self._wizard(
            "store,product,date,qty,amount\nTSA,FC-1,2025-04-01,4,-1\n"
            "TSA,FC-2,2025-04-01,4,nan\n"
        )
        with self.assertRaisesRegex(UserError, "Row 2: amount") as caught:
            bad.action_import()
        self.assertIn("Row 3: amount", str(caught.exception))
        row = by_product[self.p1]
        self.assertEqual((row.qty, row.amount), (3, 19.5))

    def test_import_weather(self):
        wizard = self._wizard(
            "store,date,temperature,rain_mm\nTSA,2025-04-01,21.5,3\n",
            filename="weather.csv",
            kind="weather",
        )
        wizard.action_import()
        weather = self.env["boh.weather.daily"].search(
            [("store_id", "=", self.store_a.id)]
        )
        self.assertEqual(weather.temperature, 21.5)
        bad = self._wizard(
            "store,date,temperature\nTSA,2025-04-02,hot\n",
            filename="weather.csv",
            kind="weather",
        )
        with self.assertRaisesRegex(UserError, "Row 2: temperature"):
            bad.action_import()
