from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import BohReceivingCase


@tagged("post_install", "-at_install")
class TestDamagedReceiving(BohReceivingCase):
    def _on_hand(self, product):
        return product.with_context(location=self.store_a.lot_stock_id.id).qty_available

    def test_damaged_goods_kept_are_scrapped(self):
        order = self._create_order()
        picking = self._make_receipt(order)
        wizard = self._receive(
            order,
            self.manager_a,
            {self.product_2: {"reason": "damaged", "qty_claimed": 2}},
        )
        self.assertEqual(wizard.line_ids[1].qty_scrap, 2.0)
        self.assertEqual(picking.state, "done")
        self.assertEqual(self._on_hand(self.product_2), 3.0, "only good cups sell")
        claim = order.claim_ids
        self.assertEqual(claim.qty_claimed, 2.0)
        scrap = claim.scrap_id
        self.assertEqual(scrap.state, "done")
        self.assertEqual(scrap.scrap_qty, 2.0)
        self.assertEqual(scrap.picking_id, picking)
        self.assertTrue(scrap.scrap_location_id.scrap_location)
        self.assertEqual(scrap.origin, claim.name)

    def test_refused_goods_are_not_received(self):
        order = self._create_order()
        self._make_receipt(order)
        self._receive(
            order,
            self.manager_a,
            {self.product_2: {"qty_received": 3, "reason": "damaged"}},
        )
        self.assertEqual(self._on_hand(self.product_2), 3.0)
        self.assertEqual(order.claim_ids.qty_claimed, 2.0)
        self.assertFalse(order.claim_ids.scrap_id, "nothing to scrap: not received")

    def test_claim_beyond_received_refused(self):
        order = self._create_order()
        picking = self._make_receipt(order)
        with self.assertRaisesRegex(ValidationError, "Test Cups.*more than"):
            self._receive(
                order,
                self.manager_a,
                {
                    self.product_2: {
                        "qty_received": 3,
                        "reason": "damaged",
                        "qty_claimed": 6,
                    }
                },
            )
        self.assertEqual(picking.state, "assigned", "nothing half-written")
        self.assertFalse(order.claim_ids)
        self.assertFalse(
            self.env["stock.scrap"].search([("picking_id", "=", picking.id)])
        )

    def test_claim_valued_at_purchase_price(self):
        order = self._create_order(
            source_type="supplier", source_store_id=False, partner_id=self.supplier.id
        )
        purchase = self._make_purchase_receipt(order)
        flour_pol = purchase.order_line.filtered(
            lambda pol: pol.product_id == self.product_1
        )
        flour_pol.price_unit = 4.0
        self._receive(order, self.manager_a, {self.product_1: {"qty_received": 1.5}})
        claim = order.claim_ids
        self.assertAlmostEqual(claim.price_unit, 4.0, msg="not the store's 3.0")
        self.assertAlmostEqual(claim.amount, 2.0)
