from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import BohReceivingCase


@tagged("post_install", "-at_install")
class TestReceivingLots(BohReceivingCase):
    """Lot-tracked goods from a supplier are received with the lots on the
    packaging: prefilled from what the supplier announced, corrected at the
    dock, checked to name every received unit once."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product_1.tracking = "lot"  # flour, 2 kg per order

    def _supplier_order(self, announced=None):
        order = self._create_order(
            source_type="supplier", source_store_id=False, partner_id=self.supplier.id
        )
        purchase = self._make_purchase_receipt(order)
        flour_lines = purchase.picking_ids.move_line_ids.filtered(
            lambda ml: ml.product_id == self.product_1
        )
        if announced:
            flour_lines.lot_name = announced
        return order, purchase.picking_ids

    def _open(self, order, user=None):
        user = user or self.manager_a
        action = order.with_user(user).action_open_receive_wizard()
        return self.env["boh.receive.wizard"].with_user(user).browse(action["res_id"])

    def _store_lots(self, product):
        quants = self.env["stock.quant"].search(
            [
                ("product_id", "=", product.id),
                ("location_id", "=", self.store_a.lot_stock_id.id),
            ]
        )
        return {q.lot_id.name: q.quantity for q in quants if q.quantity}

    def test_announced_lot_is_prefilled_and_corrected_at_the_dock(self):
        order, receipt = self._supplier_order(announced="ANN-1")
        wizard = self._open(order)
        self.assertTrue(wizard.has_lot_lines)
        flour = wizard.line_ids.filtered(lambda li: li.product_id == self.product_1)
        self.assertTrue(flour.lots_editable)
        self.assertEqual(
            [(lot.line_id, lot.lot_name, lot.quantity) for lot in wizard.lot_ids],
            [(flour, "ANN-1", 2.0)],
        )
        wizard.lot_ids.write({"lot_name": "DOCK-1", "quantity": 1.5})
        wizard.write(
            {
                "lot_ids": [
                    Command.create(
                        {"line_id": flour.id, "lot_name": "DOCK-2", "quantity": 0.5}
                    )
                ]
            }
        )
        wizard.action_confirm()
        self.assertEqual(receipt.state, "done")
        self.assertEqual(
            self._store_lots(self.product_1), {"DOCK-1": 1.5, "DOCK-2": 0.5}
        )
        self.assertFalse(
            self.env["stock.lot"].search(
                [("product_id", "=", self.product_1.id), ("name", "=", "ANN-1")]
            ),
            "the announced lot that never came is not created",
        )

    def test_received_into_a_lot_the_store_already_has(self):
        self.env["stock.lot"].create({"name": "OLD-7", "product_id": self.product_1.id})
        order, receipt = self._supplier_order()
        wizard = self._open(order)
        self.assertFalse(wizard.lot_ids, "nothing announced, nothing prefilled")
        flour = wizard.line_ids.filtered(lambda li: li.product_id == self.product_1)
        wizard.lot_ids = [
            Command.create({"line_id": flour.id, "lot_name": "OLD-7", "quantity": 2})
        ]
        wizard.action_confirm()
        self.assertEqual(self._store_lots(self.product_1), {"OLD-7": 2.0})
        self.assertEqual(
            self.env["stock.lot"].search_count(
                [("product_id", "=", self.product_1.id), ("name", "=", "OLD-7")]
            ),
            1,
        )

    def _assert_refused(self, order, receipt, lots, message):
        wizard = self._open(order)
        flour = wizard.line_ids.filtered(lambda li: li.product_id == self.product_1)
        with self.assertRaisesRegex(ValidationError, message):
            wizard.lot_ids = [Command.clear()] + [
                Command.create(dict(values, line_id=flour.id)) for values in lots
            ]
            wizard.action_confirm()
        self.assertEqual(receipt.state, "assigned", "nothing received")
        self.assertFalse(order.claim_ids)
        self.assertFalse(
            self.env["stock.lot"].search([("product_id", "=", self.product_1.id)])
        )

    def test_lots_must_add_up_to_the_received_quantity(self):
        order, receipt = self._supplier_order(announced="ANN-1")
        self._assert_refused(
            order,
            receipt,
            [{"lot_name": "A", "quantity": 1.0}],
            rf"{order.name}, line Test Flour: the lots add up to 1.0 kg"
            r" but 2.0 kg are received",
        )

    def test_lot_number_given_once_and_not_blank(self):
        order, receipt = self._supplier_order()
        self._assert_refused(
            order,
            receipt,
            [{"lot_name": "A", "quantity": 1.0}, {"lot_name": "A", "quantity": 1.0}],
            "lot A is listed twice",
        )
        self._assert_refused(
            order,
            receipt,
            [{"lot_name": "A", "quantity": 1.0}, {"lot_name": " ", "quantity": 1.0}],
            "give the Lot Number of every lot",
        )

    def test_bad_lot_quantities(self):
        order, receipt = self._supplier_order()
        for quantity in (-1.0, float("nan"), float("inf")):
            with self.subTest(quantity=quantity):
                self._assert_refused(
                    order,
                    receipt,
                    [
                        {"lot_name": "A", "quantity": 2.0},
                        {"lot_name": "B", "quantity": quantity},
                    ],
                    rf"Order {order.name}, lot B: Quantity must be",
                )

    def test_warehouse_goods_keep_the_lots_shipped(self):
        order = self._create_order()
        self._make_receipt(order)  # from a warehouse: lots are not typed
        order.line_ids.move_ids.write(
            {"location_id": self.env.ref("stock.stock_location_inter_company").id}
        )
        wizard = self._open(order)
        self.assertFalse(wizard.has_lot_lines)
        flour = wizard.line_ids.filtered(lambda li: li.product_id == self.product_1)
        wizard.lot_ids = [
            Command.create({"line_id": flour.id, "lot_name": "X", "quantity": 2})
        ]
        with self.assertRaisesRegex(ValidationError, "are those it shipped"):
            wizard.action_confirm()

    @mute_logger("odoo.models")
    def test_wizard_cannot_receive_another_stores_goods(self):
        """Over RPC a store manager builds a wizard for their own order whose
        line points at store B's receipt move: refused, B's receipt untouched."""
        order_a, _receipt_a = self._supplier_order()
        order_b = self._create_order(store_id=self.store_b.id)
        receipt_b = self._make_receipt(order_b)
        foreign = receipt_b.move_ids[:1]
        wizard = (
            self.env["boh.receive.wizard"]
            .with_user(self.manager_a)
            .create(
                {
                    "order_id": order_a.id,
                    "line_ids": [
                        Command.create(
                            {
                                "move_id": foreign.id,
                                "product_id": foreign.product_id.id,
                                "product_uom_id": foreign.product_uom.id,
                                "qty_expected": 1,
                                "qty_received": 1,
                            }
                        )
                    ],
                }
            )
        )
        with self.assertRaisesRegex(AccessError, "only the order's own goods"):
            wizard.action_confirm()
        self.assertEqual(receipt_b.state, "assigned")
        self.assertFalse(any(receipt_b.move_ids.mapped("picked")))

    def test_lot_of_another_wizard_refused(self):
        order, receipt = self._supplier_order()
        other = self._open(order)
        wizard = self._open(order)
        other_flour = other.line_ids.filtered(
            lambda li: li.product_id == self.product_1
        )
        wizard.lot_ids = [
            Command.create(
                {"line_id": other_flour.id, "lot_name": "Z", "quantity": 2.0}
            )
        ]
        with self.assertRaisesRegex(AccessError, "lot Z belongs to another receipt"):
            wizard.action_confirm()
        self.assertEqual(receipt.state, "assigned")
