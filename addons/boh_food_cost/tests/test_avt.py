from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import FoodCostCase


@tagged("post_install", "-at_install")
class TestAvt(FoodCostCase):
    """Store A, from the count of day 0 to the count of day 6.

    Sales (days 1 to 6; day 0 and day 7 are outside the period):
      burger 5 a day at 8.00 (30 units, 240.00)
      double 2 on days 2 and 5 at 12.00 (4 units, 48.00)
      cola 1 a day at 3.00 (6 units, 18.00)
      fries 20 on day 3 at 2.00 (20 units, 40.00)   net sales 346.00
    Theoretical usage:
      bun    30 + 4 = 34 units
      patty  30 x 0.15 + 4 x 0.3 = 5.7 kg
      cheese 30 x 0.02 + 4 x 0.04 = 0.76 kg
      cola   6 units (no recipe)
    Stock:
      opening (day 0): patty 10 kg, bun 50, cola 20
      receipt from the supplier, day 2: patty 5 kg (and 100 kg on day 0,
        before the period: not counted), lettuce 3 kg (cost 2.00; on
        neither count)
      transfer in from store B, day 3: bun 10
      transfer out to store B, day 4: cola 2
      posted waste, day 4: patty 0.5 kg expired, bun 2 damaged
      closing (day 6): patty 8 kg, bun 30, cola 10, cheese 0
    Usage (total = opening + receipts + in - out - closing; actual = total
    - recorded waste; variance = actual - theoretical):
      patty  10 + 5 - 8 = 7;  actual 6.5; var +0.8 kg (+14.04 %) = +16.00
      bun    50 + 10 - 30 = 30; actual 28; var -6 (-17.65 %) = -3.00
      cola   20 - 2 - 10 = 8;  actual 8;   var +2 (+33.33 %) = +1.60
      cheese 0 - 0 = 0;        actual 0;   var -0.76 (-100 %) = -7.60
      lettuce 0 + 3 - 0 = 3;   actual 3;   not counted: 3 - 0 = 3 kg = 6.00
        (its variance is 0: its usage is not measured)
    Values: actual (cost of goods, waste included) 140 + 15 + 6.4 + 6 =
    167.40; theoretical 114 + 17 + 4.8 + 7.6 = 143.40; waste 10 + 1 = 11.00;
    variance 7.00; not counted 6.00 (143.40 + 7.00 + 11.00 + 6.00 = 167.40).
    Food cost: 167.40 / 346 = 48.382 %; theoretical 143.40 / 346 = 41.445 %;
    gap 6.936 points = (7.00 + 11.00 + 6.00) / 346.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        a = cls.store_a
        rows = []
        for n in range(1, 7):
            rows += [(n, cls.burger, 5, 40), (n, cls.cola, 1, 3)]
        rows += [(2, cls.double, 2, 24), (5, cls.double, 2, 24)]
        rows += [(3, cls.fries, 20, 40)]
        # outside the period: the opening day and the day after closing
        rows += [(0, cls.burger, 100, 800), (7, cls.burger, 100, 800)]
        cls.sell(a, rows)
        cls.opening = cls.make_count(
            a, 0, [(cls.patty, 10), (cls.bun, 50), (cls.cola, 20)]
        )
        cls.closing = cls.make_count(
            a, 6, [(cls.patty, 8), (cls.bun, 30), (cls.cola, 10), (cls.cheese, 0)]
        )
        cls.lettuce = cls.env["product.product"].create(
            {
                "name": "FC lettuce",
                "is_storable": True,
                "uom_id": cls.kg.id,
                "uom_po_id": cls.kg.id,
                "standard_price": 2.0,
            }
        )
        supplier = cls.env.ref("stock.stock_location_suppliers")
        here, there = a.lot_stock_id, cls.store_b.lot_stock_id
        cls.receipt = cls.move(cls.patty, 5, supplier, here, 2)
        cls.move(cls.patty, 100, supplier, here, 0)
        cls.move(cls.lettuce, 3, supplier, here, 2)
        cls.transfer_in = cls.move(cls.bun, 10, there, here, 3)
        cls.transfer_out = cls.move(cls.cola, 2, here, there, 4)
        cls.waste(a, cls.patty, 0.5, "expired", 4)
        cls.waste(a, cls.bun, 2, "damaged", 4)
        cls.period = cls.Period.create(
            {
                "store_id": a.id,
                "opening_count_id": cls.opening.id,
                "closing_count_id": cls.closing.id,
            }
        )

    def savepoint(self):
        """A refused call is rolled back, as it is over RPC."""
        return self.env.cr.savepoint()

    def _lines(self):
        return {line.product_id: line for line in self.period.line_ids}

    def test_actual_versus_theoretical(self):
        self.period.with_user(self.manager_a).action_compute()
        lines = self._lines()
        expected = {
            # opening, receipts, in, out, closing, waste, actual, theo, var
            self.patty: (10, 5, 0, 0, 8, 0.5, 6.5, 5.7, 0.8, 16.0),
            self.bun: (50, 0, 10, 0, 30, 2, 28, 34, -6, -3.0),
            self.cola: (20, 0, 0, 2, 10, 0, 8, 6, 2, 1.6),
            self.cheese: (0, 0, 0, 0, 0, 0, 0, 0.76, -0.76, -7.6),
            self.lettuce: (0, 3, 0, 0, 0, 0, 3, 0, 0, 0),
        }
        self.assertEqual(set(lines), set(expected))
        for product, figures in expected.items():
            line = lines[product]
            got = (
                line.opening_qty,
                line.receipt_qty,
                line.transfer_in_qty,
                line.transfer_out_qty,
                line.closing_qty,
                line.waste_qty,
                line.actual_qty,
                line.theoretical_qty,
                line.variance_qty,
                line.variance_value,
            )
            for value, want in zip(got, figures, strict=True):
                self.assertAlmostEqual(value, want, places=6, msg=product.name)
        self.assertAlmostEqual(lines[self.patty].variance_pct, 14.035088, places=5)
        self.assertAlmostEqual(lines[self.cheese].variance_pct, -100.0)
        # off the closing count: not counted, apart from the variance
        self.assertEqual(
            {p for p, line in lines.items() if not line.counted}, {self.lettuce}
        )
        self.assertAlmostEqual(lines[self.lettuce].uncounted_value, 6.0)
        self.assertAlmostEqual(lines[self.lettuce].variance_pct, 0.0)
        self.assertFalse(sum(lines[p].uncounted_value for p in lines) - 6.0)
        # ranked by absolute variance value
        ranks = {p: line.rank for p, line in lines.items()}
        self.assertEqual(
            ranks,
            {self.patty: 1, self.cheese: 2, self.bun: 3, self.cola: 4, self.lettuce: 5},
        )
        # patty: loss with waste recorded; cheese: below theoretical; the
        # others are below the 5.00 materiality threshold
        reasons = {p: line.suspect_reason for p, line in lines.items()}
        self.assertEqual(
            reasons,
            {
                self.patty: "unexplained_loss",
                self.cheese: "count_error",
                self.bun: False,
                self.cola: False,
                self.lettuce: False,
            },
        )
        waste = {(w.product_id, w.reason): w.qty for w in self.period.waste_ids}
        self.assertEqual(
            waste, {(self.patty, "expired"): 0.5, (self.bun, "damaged"): 2.0}
        )
        # drill-down: the moves behind the figures
        line = lines[self.patty].with_user(self.manager_a)
        receipts = line.action_view_receipts()["domain"][0][2]
        self.assertEqual(receipts, self.receipt.ids)
        bun = lines[self.bun].with_user(self.manager_a)
        transfers = bun.action_view_transfers()["domain"][0][2]
        self.assertEqual(transfers, self.transfer_in.ids)
        dishes = line.action_view_dish_sales()["domain"][1][2]
        self.assertEqual(set(dishes), {self.burger.id, self.double.id})

    def test_food_cost_pct(self):
        self.period.with_user(self.manager_a).action_compute()
        period = self.period
        self.assertEqual(period.state, "computed")
        self.assertAlmostEqual(period.net_sales, 346.0)
        self.assertAlmostEqual(period.actual_cost, 167.4)
        self.assertAlmostEqual(period.theoretical_cost, 143.4)
        self.assertAlmostEqual(period.waste_value, 11.0)
        self.assertAlmostEqual(period.variance_value, 7.0)
        self.assertAlmostEqual(period.uncounted_value, 6.0)
        self.assertAlmostEqual(period.food_cost_pct, 48.381503, places=5)
        self.assertAlmostEqual(period.theoretical_food_cost_pct, 41.445087, places=5)
        self.assertAlmostEqual(period.uncounted_pct_of_sales, 1.734104, places=5)
        self.assertAlmostEqual(period.gap_pct, 6.936416, places=5)
        self.assertAlmostEqual(
            period.gap_pct,
            period.variance_pct_of_sales
            + period.waste_pct_of_sales
            + period.uncounted_pct_of_sales,
        )
        # computing again gives the same figures, not twice the lines
        period.with_user(self.manager_a).action_compute()
        self.assertEqual(len(period.line_ids), 5)
        self.assertAlmostEqual(period.actual_cost, 167.4)

    def test_menu_engineering(self):
        """4 items sold, 60 units: popular at >= 70 % x 1/4 = 17.5 % share.
        Unit margins (average net price - cost): burger 8 - 3.7 = 4.3,
        double 12 - 6.9 = 5.1, cola 3 - 0.8 = 2.2, fries 2 - 0.5 = 1.5;
        weighted average (30 x 4.3 + 4 x 5.1 + 6 x 2.2 + 20 x 1.5) / 60 = 3.21.
        burger 50 % star; fries 33 % plowhorse; double 6.7 % puzzle;
        cola 10 % dog."""
        self.period.with_user(self.manager_a).action_compute()
        menu = {m.product_id: m for m in self.period.menu_ids}
        self.assertEqual(
            {p: m.classification for p, m in menu.items()},
            {
                self.burger: "star",
                self.fries: "plowhorse",
                self.double: "puzzle",
                self.cola: "dog",
            },
        )
        self.assertAlmostEqual(menu[self.burger].unit_margin, 4.3)
        self.assertAlmostEqual(menu[self.burger].share_pct, 50.0)
        self.assertAlmostEqual(menu[self.fries].total_margin, 30.0)

    def test_bad_periods(self):
        Period = self.Period.with_user(self.manager_a)
        later = self.make_count(self.store_a, 9, [(self.patty, 1)])
        # closing before opening
        with self.assertRaisesRegex(ValidationError, "must be after"), self.savepoint():
            Period.create(
                {
                    "store_id": self.store_a.id,
                    "opening_count_id": later.id,
                    "closing_count_id": self.closing.id,
                }
            )
        # a count of another store
        other = self.make_count(self.store_b, 9, [(self.patty, 1)])
        with self.assertRaisesRegex(ValidationError, "another store"), self.savepoint():
            Period.create(
                {
                    "store_id": self.store_a.id,
                    "opening_count_id": self.opening.id,
                    "closing_count_id": other.id,
                }
            )
        # a count not posted
        draft = self.env["boh.stock.count"].create(
            {"store_id": self.store_a.id, "date": self.day(12)}
        )
        with self.assertRaisesRegex(ValidationError, "not posted"), self.savepoint():
            Period.create(
                {
                    "store_id": self.store_a.id,
                    "opening_count_id": self.opening.id,
                    "closing_count_id": draft.id,
                }
            )
        self.assertEqual(self.Period.search_count([]), 1)

    def test_no_period_to_compute(self):
        """Computing no period (an empty selection, a run with nothing due)
        writes nothing and leaves the draft period as it is."""
        lines = self.env["boh.food.cost.line"].search_count([])
        self.env["boh.food.cost.period"].browse()._compute_periods()
        self.assertEqual(self.env["boh.food.cost.line"].search_count([]), lines)
        self.assertEqual(self.period.state, "draft")
