from odoo.exceptions import AccessError, ValidationError
from odoo.tools import mute_logger

from .common import BohReceivingCase


class TestReceiving(BohReceivingCase):
    def test_receive_in_full(self):
        order = self._create_order()
        picking = self._make_receipt(order)
        self._receive(order, self.manager_a, {})
        self.assertEqual(picking.state, "done")
        self.assertEqual(order.state, "received")
        self.assertEqual(order.line_ids.mapped("qty_received"), [2.0, 5.0])
        self.assertFalse(order.claim_ids)
        quantity = self.product_2.with_context(
            location=self.store_a.lot_stock_id.id
        ).qty_available
        self.assertEqual(quantity, 5.0)

    def test_short_and_damaged_create_claims(self):
        order = self._create_order()
        picking = self._make_receipt(order)
        self._receive(
            order,
            self.manager_a,
            {
                self.product_1: {"qty_received": 1.5},
                self.product_2: {
                    "qty_received": 3,
                    "reason": "damaged",
                    "note": "Crushed",
                },
            },
        )
        self.assertEqual(picking.state, "done")
        self.assertFalse(
            self.env["stock.picking"].search([("backorder_id", "=", picking.id)]),
            "a shortage creates no backorder unless asked",
        )
        self.assertEqual(order.state, "received")
        line_1, line_2 = order.line_ids
        self.assertEqual(line_1.qty_received, 1.5)
        self.assertEqual(line_2.qty_received, 3.0)
        claims = order.claim_ids.sorted(lambda c: c.product_id.id)
        claim_1 = claims.filtered(lambda c: c.product_id == self.product_1)
        claim_2 = claims.filtered(lambda c: c.product_id == self.product_2)
        self.assertEqual(claim_1.reason, "short")
        self.assertAlmostEqual(claim_1.qty_claimed, 0.5)
        self.assertAlmostEqual(claim_1.amount, 1.5)
        self.assertEqual(claim_2.reason, "damaged")
        self.assertEqual(claim_2.qty_claimed, 2.0)
        self.assertAlmostEqual(claim_2.amount, 3.0)
        self.assertEqual(claim_2.note, "Crushed")
        self.assertEqual(set(claims.mapped("state")), {"open"})
        self.assertFalse(claims.partner_id, "internal sources have no supplier")
        self.assertEqual(claims.picking_id, picking)
        self.assertEqual(claims.store_id, self.store_a)
        # A set, not all(): no claim at all would pass all().
        self.assertEqual({c.name[:8] for c in claims}, {"BOH/CLM/"})

    def test_backorder_when_asked(self):
        order = self._create_order()
        picking = self._make_receipt(order)
        self._receive(
            order,
            self.manager_a,
            {self.product_2: {"qty_received": 4}},
            create_backorder=True,
        )
        backorder = self.env["stock.picking"].search(
            [("backorder_id", "=", picking.id)]
        )
        self.assertTrue(backorder)
        self.assertEqual(backorder.move_ids.product_uom_qty, 1.0)
        self.assertNotEqual(order.state, "received", "goods are still to come")

    def test_supplier_claim_names_supplier(self):
        order = self._create_order(
            source_type="supplier", source_store_id=False, partner_id=self.supplier.id
        )
        purchase = self._make_purchase_receipt(order)
        self._receive(
            order,
            self.manager_a,
            {self.product_1: {"qty_received": 0, "reason": "temperature"}},
        )
        claim = order.claim_ids
        self.assertEqual(len(claim), 1)
        self.assertEqual(claim.reason, "temperature")
        self.assertEqual(claim.qty_claimed, 2.0)
        self.assertEqual(claim.partner_id, self.supplier, "the commercial partner")
        self.assertEqual(claim.purchase_id, purchase)
        self.assertAlmostEqual(claim.amount, 6.0)
        self.assertEqual(order.line_ids.mapped("qty_received"), [0.0, 5.0])
        self.assertEqual(order.state, "received")

    def test_over_receipt(self):
        order = self._create_order()
        picking = self._make_receipt(order)
        with self.assertRaisesRegex(ValidationError, "Test Cups.*Received quantity"):
            self._receive(order, self.manager_a, {self.product_2: {"qty_received": 6}})
        self.assertEqual(picking.state, "assigned", "nothing half-written")
        self.assertFalse(order.claim_ids)

    def test_over_receipt_within_supplier_tolerance(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "boh_ordering.receipt_over_tolerance", "20"
        )
        order = self._create_order(
            source_type="supplier", source_store_id=False, partner_id=self.supplier.id
        )
        self._make_purchase_receipt(order)
        self._receive(order, self.manager_a, {self.product_2: {"qty_received": 6}})
        self.assertEqual(order.line_ids[1].qty_received, 6.0)

    def test_negative_quantity(self):
        order = self._create_order()
        picking = self._make_receipt(order)
        with self.assertRaisesRegex(
            ValidationError, "line Test Flour: Received must be at least 0"
        ):
            self._receive(order, self.manager_a, {self.product_1: {"qty_received": -1}})
        self.assertEqual(picking.state, "assigned")

    def test_reason_needs_quantity(self):
        order = self._create_order()
        self._make_receipt(order)
        with self.assertRaisesRegex(ValidationError, "Test Cups.*Claimed quantity"):
            self._receive(
                order, self.manager_a, {self.product_2: {"reason": "quality"}}
            )
        self.assertFalse(order.claim_ids)

    def test_staff_cannot_receive(self):
        order = self._create_order()
        self._make_receipt(order)
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            self._receive(order, self.staff_a, {})

    def test_other_store_manager_cannot_receive(self):
        order = self._create_order()
        picking = self._make_receipt(order)
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            self._receive(order, self.manager_b, {})
        self.assertEqual(picking.state, "assigned")

    def test_validating_the_picking_marks_received(self):
        order = self._create_order()
        picking = self._make_receipt(order)
        picking.button_validate()
        self.assertEqual(order.state, "received")
        self.assertEqual(order.line_ids.mapped("qty_received"), [2.0, 5.0])
        self.assertEqual(order.line_ids.mapped("fill_rate"), [100.0, 100.0])
