from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import mute_logger

from odoo.addons.boh_ordering.tests.common import BohStoreGuideCase


class TestWaste(BohStoreGuideCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["stock.quant"]._update_available_quantity(
            cls.product_1, cls.store_a.lot_stock_id, 10.0
        )

    def _on_hand(self, product):
        return product.with_context(location=self.store_a.lot_stock_id.id).qty_available

    def _log(self, user=None, **vals):
        values = {
            "store_id": self.store_a.id,
            "product_id": self.product_1.id,
            "quantity": 2.0,
            "reason": "expired",
        }
        values.update(vals)
        return self.env["boh.waste"].with_user(user or self.staff_a).create(values)

    def test_post_scraps_with_value(self):
        waste = self._log()
        self.assertAlmostEqual(waste.amount, 6.0)
        waste.action_post()
        self.assertEqual(waste.state, "done")
        self.assertEqual(waste.scrap_id.state, "done")
        self.assertTrue(waste.scrap_id.move_ids.scrapped)
        self.assertEqual(self._on_hand(self.product_1), 8.0)
        self.product_1.standard_price = 5.0
        self.assertAlmostEqual(waste.amount, 6.0, msg="value frozen when posted")
        groups = self.env["boh.waste"]._read_group(
            [("id", "=", waste.id)], ["reason"], ["amount:sum"]
        )
        self.assertEqual(groups, [("expired", 6.0)])

    def test_value_in_other_unit(self):
        waste = self._log(
            product_uom_id=self.env.ref("uom.product_uom_gram").id, quantity=500
        )
        self.assertAlmostEqual(waste.amount, 1.5)
        waste.action_post()
        self.assertAlmostEqual(self._on_hand(self.product_1), 9.5)

    def test_bad_input(self):
        with self.assertRaisesRegex(ValidationError, "Test Flour.*Quantity"):
            self._log(quantity=-1)
        with self.assertRaisesRegex(ValidationError, "Test Flour.*Unit"):
            self._log(product_uom_id=self.uom_unit.id)
        waste = self._log(quantity=11)
        with self.assertRaisesRegex(UserError, "Test Flour.*on hand"):
            waste.action_post()
        self.assertEqual(waste.state, "draft")
        self.assertEqual(self._on_hand(self.product_1), 10.0)

    def test_posted_is_locked(self):
        waste = self._log()
        waste.action_post()
        with self.assertRaises(UserError):
            waste.write({"quantity": 1})
        with self.assertRaises(UserError):
            waste.unlink()

    def test_access_per_store(self):
        waste = self._log()
        Waste = self.env["boh.waste"]
        self.assertFalse(
            Waste.with_user(self.manager_b).search([("id", "=", waste.id)])
        )
        self.assertFalse(Waste.with_user(self.area_2).search([("id", "=", waste.id)]))
        self.assertTrue(Waste.with_user(self.area_1).search([("id", "=", waste.id)]))
        self.assertTrue(Waste.with_user(self.executive).search([("id", "=", waste.id)]))
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            waste.with_user(self.manager_b).action_post()
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            waste.with_user(self.executive).write({"note": "x"})
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            self._log(user=self.manager_b)
        self.assertEqual(waste.state, "draft")
