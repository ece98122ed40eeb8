from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import mute_logger

from odoo.addons.boh_ordering.tests.common import BohStoreGuideCase


class TestStockCount(BohStoreGuideCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        location = cls.store_a.lot_stock_id
        cls.env["stock.quant"]._update_available_quantity(cls.product_1, location, 10.0)
        cls.env["stock.quant"]._update_available_quantity(cls.product_2, location, 20.0)

    def _on_hand(self, product, store=None):
        store = store or self.store_a
        return product.with_context(location=store.lot_stock_id.id).qty_available

    def _line(self, count, product):
        return count.line_ids.filtered(lambda ln: ln.product_id == product)

    def _new_count(self, user=None):
        Count = self.env["boh.stock.count"].with_user(user or self.staff_a)
        count = Count.create({"store_id": self.store_a.id})
        count.action_load_guide()
        return count

    def test_sheet_in_walk_order(self):
        count = self._new_count()
        self.assertEqual(
            count.line_ids.mapped("product_id"), self.product_2 | self.product_1
        )
        self.assertEqual(count.line_ids[0].product_id, self.product_2)
        self.assertEqual(count.line_ids.mapped("qty_theoretical"), [20.0, 10.0])
        self.assertTrue(count.name.startswith("BOH/CNT/"))

    def test_post_applies_counted_quantities(self):
        count = self._new_count()
        line_cups = count.line_ids.filtered(lambda ln: ln.product_id == self.product_2)
        line_flour = count.line_ids.filtered(lambda ln: ln.product_id == self.product_1)
        line_cups.qty_counted = 18
        line_flour.qty_counted = 12.5
        self.assertAlmostEqual(count.amount_difference, -2 * 1.5 + 2.5 * 3.0)
        count.action_post()
        self.assertEqual(count.state, "done")
        self.assertEqual(self._on_hand(self.product_2), 18.0)
        self.assertEqual(self._on_hand(self.product_1), 12.5)
        moves = count.sudo().move_ids
        self.assertEqual(len(moves), 2)
        # A set, not all(): an empty list of moves would pass all().
        self.assertEqual({(m.is_inventory, m.state) for m in moves}, {(True, "done")})
        self.assertEqual(sorted(moves.mapped("quantity")), [2.0, 2.5])
        self.assertEqual(self._on_hand(self.product_2, self.store_b), 0.0)

    def test_count_in_other_unit(self):
        count = self._new_count()
        line_flour = count.line_ids.filtered(lambda ln: ln.product_id == self.product_1)
        line_flour.write(
            {
                "product_uom_id": self.env.ref("uom.product_uom_gram").id,
                "qty_counted": 7500,
            }
        )
        count.line_ids.filtered(
            lambda ln: ln.product_id == self.product_2
        ).qty_counted = 20
        count.action_post()
        self.assertAlmostEqual(self._on_hand(self.product_1), 7.5)

    def test_product_not_in_guide(self):
        count = self._new_count()
        with self.assertRaisesRegex(ValidationError, "Test Napkins.*order guide"):
            count.write(
                {
                    "line_ids": [
                        (0, 0, {"product_id": self.product_3.id, "qty_counted": 3})
                    ]
                }
            )

    def test_negative_count(self):
        count = self._new_count()
        with self.assertRaisesRegex(ValidationError, "Test Cups.*Counted"):
            count.line_ids[0].qty_counted = -1

    def test_incompatible_unit(self):
        count = self._new_count()
        with self.assertRaisesRegex(ValidationError, "Test Flour.*Unit"):
            count.line_ids.filtered(
                lambda ln: ln.product_id == self.product_1
            ).product_uom_id = self.uom_unit

    def test_posted_count_is_locked(self):
        count = self._new_count()
        count.action_post()
        with self.assertRaises(UserError):
            count.action_post()
        with self.assertRaises(UserError):
            count.unlink()

    def test_other_store_staff_sees_nothing(self):
        count = self._new_count()
        Count = self.env["boh.stock.count"]
        self.assertFalse(
            Count.with_user(self.manager_b).search([("id", "=", count.id)])
        )
        self.assertFalse(
            self.env["boh.stock.count.line"]
            .with_user(self.manager_b)
            .search([("count_id", "=", count.id)])
        )
        self.assertFalse(Count.with_user(self.area_2).search([("id", "=", count.id)]))
        self.assertTrue(Count.with_user(self.area_1).search([("id", "=", count.id)]))
        self.assertTrue(Count.with_user(self.buyer).search([("id", "=", count.id)]))
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            count.with_user(self.manager_b).write({"note": "x"})
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            count.with_user(self.manager_b).action_post()
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            count.with_user(self.executive).write({"note": "x"})
        self.assertEqual(count.state, "draft")
