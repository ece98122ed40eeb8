from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import FoodCostCase


@tagged("post_install", "-at_install")
class TestTheoretical(FoodCostCase):
    def _usage(self, store=None):
        rows = self.Usage.search([("store_id", "=", (store or self.store_a).id)])
        return {
            (r.date, r.product_id): (round(r.qty, 6), round(r.value, 6)) for r in rows
        }

    def test_explosion(self):
        # day 1: 10 burgers, 5 doubles, 8 colas, 3 fries; day 2: 4 burgers
        self.sell(
            self.store_a,
            [
                (1, self.burger, 10, 80),
                (1, self.double, 5, 60),
                (1, self.cola, 8, 24),
                (1, self.fries, 3, 6),
                (2, self.burger, 4, 32),
            ],
        )
        # stock consumption is not a sale: never exploded
        self.sell(self.store_a, [(1, self.patty, 99, None)], source="stock")
        # an ingredient that cannot be sold has no sales to explode: rows
        # imported for it are consumption history (for its forecast)
        self.cheese.sale_ok = False
        self.sell(self.store_a, [(1, self.cheese, 7, None)])
        self.Usage._recompute(full=True)
        d1, d2 = self.day(1), self.day(2)
        self.assertEqual(
            self._usage(),
            {
                # bun: 10 + 5 = 15 units at 0.5
                (d1, self.bun): (15.0, 7.5),
                # patty: 10 x 0.15 + 5 x 0.3 = 3.0 kg at 20
                (d1, self.patty): (3.0, 60.0),
                # cheese: 10 x 0.02 + 5 x 0.04 = 0.4 kg at 10
                (d1, self.cheese): (0.4, 4.0),
                # cola has no recipe and is storable: it uses itself
                (d1, self.cola): (8.0, 6.4),
                (d2, self.bun): (4.0, 2.0),
                (d2, self.patty): (0.6, 12.0),
                (d2, self.cheese): (0.08, 0.8),
            },
        )
        # where the patty of day 1 came from: dish by dish
        breakdown = self.Usage._dish_breakdown(self.store_a, self.patty, d1, d1)
        self.assertEqual(
            [(dish, sold, round(used, 6)) for dish, sold, used in breakdown],
            [(self.burger.id, 10, 1.5), (self.double.id, 5, 1.5)],
        )

    def test_incremental(self):
        self.sell(self.store_a, [(1, self.burger, 10, 80), (2, self.burger, 4, 32)])
        self.sell(self.store_b, [(2, self.burger, 1, 8)])
        self.Usage._recompute()
        before = {
            (r.store_id, r.date, r.product_id): r.id for r in self.Usage.search([])
        }
        self.assertEqual(len(before), 9)
        # as if these rows were written in earlier transactions, before the
        # watermark (a test runs in one transaction: one write date)
        self.env.cr.execute(
            "UPDATE boh_demand_daily SET write_date = '2025-01-01 00:00:00'"
        )
        self.env["ir.config_parameter"].set_param(
            "boh_food_cost.theoretical_watermark", "2025-01-01 01:00:00"
        )
        # one day of store A changes: 4 burgers become 6
        self.sell(self.store_a, [(2, self.burger, 6, 48)])
        touched, written = self.Usage._recompute()
        self.assertEqual((touched, written), (1, 3))
        after = {(r.store_id, r.date, r.product_id): r for r in self.Usage.search([])}
        self.assertEqual(set(after), set(before))
        for key, row in after.items():
            store, day, _product = key
            if store == self.store_a and day == self.day(2):
                self.assertNotEqual(row.id, before[key], "recomputed")
            else:
                self.assertEqual(row.id, before[key], "left alone")
        self.assertAlmostEqual(after[(self.store_a, self.day(2), self.patty)].qty, 0.9)
        # a re-run looks again at the rows of the last 30 minutes (a safety
        # margin for late commits): the same store-day, the same figures
        self.assertEqual(self.Usage._recompute(), (1, 3))
        self.assertAlmostEqual(
            self.Usage.search(
                [("store_id", "=", self.store_a.id), ("date", "=", self.day(2))]
            )
            .filtered(lambda r: r.product_id == self.patty)
            .qty,
            0.9,
        )

    def test_recompute_all_admin_only(self):
        self.sell(self.store_a, [(1, self.burger, 2, 16)])
        with self.assertRaises(AccessError):
            self.Usage.with_user(self.manager_a).action_recompute_all()
        self.assertFalse(self.Usage.search([]))
        self.Usage.with_user(self.boh_admin).action_recompute_all()
        self.assertEqual(len(self.Usage.search([])), 3)
