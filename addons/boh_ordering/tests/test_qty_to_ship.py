from odoo.tests import tagged

from .common import BohOrderingCase


@tagged("post_install", "-at_install")
class TestQtyToShip(BohOrderingCase):
    def test_moq_rounding_shown_on_line(self):
        order = self._create_order(
            source_type="supplier", source_store_id=False, partner_id=self.supplier.id
        )
        milk = order.line_ids
        milk.write({"qty_ordered": 4, "override_reason": "Small week"})
        order.with_user(self.manager_a).action_submit()
        order.with_user(self.manager_a).action_approve()
        self.assertEqual(order.purchase_ids.order_line.product_qty, 12)
        self.assertEqual(milk.qty_ordered, 4, "what the store ordered is kept")
        self.assertEqual(milk.qty_to_ship, 12)
        self.assertIn("to ship 12", order.message_ids[:1].body)
        # the buyer changes the purchase quantity: the store sees it
        order.purchase_ids.order_line.sudo().product_qty = 24
        self.assertEqual(milk.qty_to_ship, 24)

    def test_internal_source_ships_ordered(self):
        order = self._create_order()
        order.with_user(self.manager_a).action_submit()
        order.with_user(self.manager_a).action_approve()
        self.assertEqual(
            order.line_ids.mapped("qty_to_ship"), order.line_ids.mapped("qty_ordered")
        )
        self.assertNotIn("to ship", order.message_ids[:1].body or "")
