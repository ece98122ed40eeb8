from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import FoodCostCase


@tagged("post_install", "-at_install")
class TestRecipeChange(FoodCostCase):
    """A recipe change re-explodes the sales of the dishes using it.

    Added to the burger menu of FoodCostCase:
      sauce (kg, kit, cost 5) = 0.5 kg mayo (cost 6) + 0.5 kg ketchup (cost 4)
      wrap (unit, kit) = 1 bun + 0.100 kg patty + 0.040 kg sauce
      dip (unit, kit, never sold) = 0.020 kg mayo
    Sales: store A day 1: 10 wraps and 4 burgers, day 2: 5 wraps;
    store B day 1: 2 wraps, day 2: 3 burgers.
    A change of the sauce touches the store-days A1, A2 and B1; B2 (burgers
    only) is left alone.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Product = cls.env["product.product"]

        def make(name, uom, cost, storable=True):
            return Product.create(
                {
                    "name": name,
                    "type": "consu",
                    "is_storable": storable,
                    "uom_id": uom.id,
                    "uom_po_id": uom.id,
                    "standard_price": cost,
                }
            )

        def kit(product, lines):
            return cls.env["mrp.bom"].create(
                {
                    "product_tmpl_id": product.product_tmpl_id.id,
                    "product_id": product.id,
                    "product_qty": 1,
                    "product_uom_id": product.uom_id.id,
                    "type": "phantom",
                    "bom_line_ids": [
                        (0, 0, {"product_id": p.id, "product_qty": q}) for p, q in lines
                    ],
                }
            )

        cls.mayo = make("FC mayo", cls.kg, 6.0)
        cls.ketchup = make("FC ketchup", cls.kg, 4.0)
        cls.sauce = make("FC sauce", cls.kg, 5.0, storable=False)
        cls.wrap = make("FC wrap", cls.unit, 3.0, storable=False)
        cls.dip = make("FC dip", cls.unit, 0.1, storable=False)
        cls.sauce_bom = kit(cls.sauce, [(cls.mayo, 0.5), (cls.ketchup, 0.5)])
        cls.mayo_line = cls.sauce_bom.bom_line_ids.filtered(
            lambda line: line.product_id == cls.mayo
        )
        cls.wrap_bom = kit(
            cls.wrap, [(cls.bun, 1), (cls.patty, 0.1), (cls.sauce, 0.04)]
        )
        cls.dip_bom = kit(cls.dip, [(cls.mayo, 0.02)])
        cls.sell(
            cls.store_a,
            [(1, cls.wrap, 10, 70), (1, cls.burger, 4, 32), (2, cls.wrap, 5, 35)],
        )
        cls.sell(cls.store_b, [(1, cls.wrap, 2, 14), (2, cls.burger, 3, 24)])
        cls.Usage._recompute(full=True)
        # as if the sales and the first run were earlier transactions (a
        # test runs in one transaction: one write date)
        cls.env.cr.execute(
            "UPDATE boh_demand_daily SET write_date = '2025-01-01 00:00:00'"
        )
        cls.Demand.invalidate_model(["write_date"])
        ICP = cls.env["ir.config_parameter"]
        ICP.set_param("boh_food_cost.theoretical_watermark", "2025-01-01 01:00:00")
        # the sales are of 2025: no limit in days
        ICP.set_param("boh_food_cost.recipe_change_days", "0")

    def _usage(self, store, n):
        rows = self.Usage.search(
            [("store_id", "=", store.id), ("date", "=", self.day(n))]
        )
        return {r.product_id: (round(r.qty, 6), round(r.value, 6)) for r in rows}

    def _ids(self):
        return {(r.store_id, r.date, r.product_id): r.id for r in self.Usage.search([])}

    def test_sub_recipe_quantity(self):
        self.assertEqual(self._usage(self.store_a, 1)[self.mayo], (0.2, 1.2))
        # nothing to do before the change
        self.assertEqual(self.Usage._recompute(), (0, 0))
        before = self._ids()
        # the sauce takes 0.75 kg of mayo per kg instead of 0.5
        self.mayo_line.product_qty = 0.75
        # A1: bun, patty, cheese, mayo, ketchup; A2 and B1: bun, patty,
        # mayo, ketchup
        self.assertEqual(self.Usage._recompute(), (3, 13))
        self.assertEqual(
            self._usage(self.store_a, 1),
            {
                # 10 wraps + 4 burgers
                self.bun: (14.0, 7.0),
                # 10 x 0.1 + 4 x 0.15 = 1.6 kg at 20
                self.patty: (1.6, 32.0),
                self.cheese: (0.08, 0.8),
                # 10 x 0.04 kg of sauce x 0.75 = 0.3 kg at 6
                self.mayo: (0.3, 1.8),
                # 10 x 0.04 x 0.5 = 0.2 kg at 4
                self.ketchup: (0.2, 0.8),
            },
        )
        # 5 x 0.04 x 0.75 = 0.15; 2 x 0.04 x 0.75 = 0.06
        self.assertEqual(self._usage(self.store_a, 2)[self.mayo], (0.15, 0.9))
        self.assertEqual(self._usage(self.store_b, 1)[self.mayo], (0.06, 0.36))
        after = self._ids()
        for key, row_id in after.items():
            store, day, _product = key
            if store == self.store_b and day == self.day(2):
                self.assertEqual(row_id, before[key], "left alone")
        self.assertEqual(self._usage(self.store_b, 2)[self.patty], (0.45, 9.0))

    def test_unused_recipe_marks_nothing(self):
        # a recipe no sold dish uses
        self.dip_bom.bom_line_ids.product_qty = 0.03
        self.assertEqual(self.Usage._recompute(), (0, 0))
        # a recipe made at the central kitchen (not a kit): the stores get
        # the patty as it is, what they use does not change
        beef = self.env["product.product"].create(
            {"name": "FC beef", "is_storable": True, "uom_id": self.kg.id}
        )
        self.env["mrp.bom"].create(
            {
                "product_tmpl_id": self.patty.product_tmpl_id.id,
                "product_id": self.patty.id,
                "product_qty": 1,
                "product_uom_id": self.kg.id,
                "type": "normal",
                "bom_line_ids": [(0, 0, {"product_id": beef.id, "product_qty": 1})],
            }
        )
        self.assertEqual(self.Usage._recompute(), (0, 0))
        # a new line in the sauce: 0.1 kg of cheese per kg
        self.env["mrp.bom.line"].create(
            {
                "bom_id": self.sauce_bom.id,
                "product_id": self.cheese.id,
                "product_qty": 0.1,
            }
        )
        # A1, A2, B1: 5 rows each (cheese now in every one)
        self.assertEqual(self.Usage._recompute(), (3, 15))
        # 4 x 0.02 + 10 x 0.04 x 0.1 = 0.12 kg
        self.assertEqual(self._usage(self.store_a, 1)[self.cheese], (0.12, 1.2))
        self.assertEqual(self._usage(self.store_a, 2)[self.cheese], (0.02, 0.2))

    def test_computed_period_left_alone(self):
        # store A computed its food cost from day 0 to day 1: A1 is closed
        opening = self.make_count(self.store_a, 0, [(self.bun, 20)])
        closing = self.make_count(self.store_a, 1, [(self.bun, 6)])
        period = self.Period.create(
            {
                "store_id": self.store_a.id,
                "opening_count_id": opening.id,
                "closing_count_id": closing.id,
            }
        )
        period.with_user(self.manager_a).action_compute()
        self.assertEqual(period.state, "computed")
        theoretical = period.theoretical_cost
        before = self._ids()
        self.mayo_line.product_qty = 0.75
        # A2 and B1 only: 4 rows each
        self.assertEqual(self.Usage._recompute(), (2, 8))
        self.assertEqual(self._usage(self.store_a, 1)[self.mayo], (0.2, 1.2))
        for key, row_id in self._ids().items():
            store, day, _product = key
            if store == self.store_a and day == self.day(1):
                self.assertEqual(row_id, before[key], "left alone")
        self.assertEqual(self._usage(self.store_a, 2)[self.mayo], (0.15, 0.9))
        self.assertEqual(self._usage(self.store_b, 1)[self.mayo], (0.06, 0.36))
        self.assertEqual(period.state, "computed")
        self.assertEqual(period.theoretical_cost, theoretical)

    def test_yield(self):
        # 80% of the mayo is usable: 0.5 / 0.8 = 0.625 kg per kg of sauce
        self.mayo_line.boh_yield_pct = 80.0
        self.assertEqual(self.Usage._recompute(), (3, 13))
        # 10 x 0.04 x 0.625 = 0.25 kg at 6
        self.assertEqual(self._usage(self.store_a, 1)[self.mayo], (0.25, 1.5))
        self.assertEqual(self._usage(self.store_a, 1)[self.ketchup], (0.2, 0.8))
        self.assertEqual(self._usage(self.store_b, 1)[self.mayo], (0.05, 0.3))

    def test_archive_and_type(self):
        # without its recipe the sauce is an ingredient of the wrap itself
        self.sauce_bom.active = False
        # A1: bun, patty, cheese, sauce; A2 and B1: bun, patty, sauce
        self.assertEqual(self.Usage._recompute(), (3, 10))
        usage = self._usage(self.store_a, 1)
        self.assertNotIn(self.mayo, usage)
        self.assertNotIn(self.ketchup, usage)
        # 10 x 0.04 = 0.4 kg at 5
        self.assertEqual(usage[self.sauce], (0.4, 2.0))
        # back again
        self.sauce_bom.active = True
        self.assertEqual(self.Usage._recompute(), (3, 13))
        self.assertEqual(self._usage(self.store_a, 1)[self.mayo], (0.2, 1.2))
        self.assertNotIn(self.sauce, self._usage(self.store_a, 1))
        # made at the central kitchen from now on: no longer a kit
        self.sauce_bom.type = "normal"
        self.assertEqual(self.Usage._recompute(), (3, 10))
        self.assertEqual(self._usage(self.store_b, 1)[self.sauce], (0.08, 0.4))

    def test_delete_line(self):
        self.sauce_bom.bom_line_ids.filtered(
            lambda line: line.product_id == self.ketchup
        ).unlink()
        # A1: bun, patty, cheese, mayo; A2 and B1: bun, patty, mayo
        self.assertEqual(self.Usage._recompute(), (3, 10))
        self.assertNotIn(self.ketchup, self._usage(self.store_a, 2))
        self.assertEqual(self._usage(self.store_a, 2)[self.mayo], (0.1, 0.6))

    def test_days_back(self):
        # only the days from day 2 on are re-exploded
        today = fields.Date.context_today(self.Usage)
        self.env["ir.config_parameter"].set_param(
            "boh_food_cost.recipe_change_days", str((today - self.day(2)).days)
        )
        self.mayo_line.product_qty = 0.75
        self.assertEqual(self.Usage._recompute(), (1, 4))
        self.assertEqual(self._usage(self.store_a, 2)[self.mayo], (0.15, 0.9))
        self.assertEqual(self._usage(self.store_a, 1)[self.mayo], (0.2, 1.2))
        self.assertEqual(self._usage(self.store_b, 1)[self.mayo], (0.04, 0.24))

    def test_bad_days_parameter(self):
        self.env["ir.config_parameter"].set_param(
            "boh_food_cost.recipe_change_days", "a week"
        )
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.mayo_line.product_qty = 0.75
        self.mayo_line.invalidate_recordset()
        self.assertEqual(self.mayo_line.product_qty, 0.5)
        self.assertEqual(self.Usage._recompute(), (0, 0))
