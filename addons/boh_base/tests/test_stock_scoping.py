from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import BohCase


@tagged("post_install", "-at_install")
class TestStockScoping(BohCase):
    """Odoo's own stock documents follow the stores' record rules."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product = cls.env["product.product"].create(
            {"name": "Scoped Flour", "is_storable": True}
        )
        supplier = cls.env.ref("stock.stock_location_suppliers")
        cls.pickings = {}
        for store in (cls.store_a, cls.store_c):
            picking = cls.env["stock.picking"].create(
                {
                    "picking_type_id": store.in_type_id.id,
                    "location_id": supplier.id,
                    "location_dest_id": store.lot_stock_id.id,
                    "move_ids": [
                        (
                            0,
                            0,
                            {
                                "name": "Scoped Flour",
                                "product_id": cls.product.id,
                                "product_uom_qty": 5,
                                "product_uom": cls.product.uom_id.id,
                                "location_id": supplier.id,
                                "location_dest_id": store.lot_stock_id.id,
                            },
                        )
                    ],
                }
            )
            picking.action_confirm()
            picking.action_assign()
            cls.pickings[store] = picking
        cls.env["stock.quant"]._update_available_quantity(
            cls.product, cls.store_a.lot_stock_id, 3
        )
        cls.env["stock.quant"]._update_available_quantity(
            cls.product, cls.store_c.lot_stock_id, 4
        )

    def _visible(self, user, model, records):
        return self.env[model].with_user(user).search([("id", "in", records.ids)])

    def test_each_role_reads_its_stores_documents(self):
        picking_a, picking_c = self.pickings[self.store_a], self.pickings[self.store_c]
        both = picking_a | picking_c
        expected = {
            self.staff_a: picking_a,
            self.manager_a: picking_a,
            self.manager_b: self.env["stock.picking"],
            self.area_1: picking_a,
            self.area_2: picking_c,
            self.buyer: both,
            self.executive: both,
        }
        quants = self.env["stock.quant"].search([("product_id", "=", self.product.id)])
        for user, pickings in expected.items():
            with self.subTest(user=user.login):
                self.assertEqual(self._visible(user, "stock.picking", both), pickings)
                self.assertEqual(
                    self._visible(user, "stock.move", both.move_ids),
                    pickings.move_ids,
                )
                self.assertEqual(
                    self._visible(user, "stock.move.line", both.move_line_ids),
                    pickings.move_line_ids,
                )
                self.assertEqual(
                    self._visible(user, "stock.quant", quants).location_id,
                    pickings.location_dest_id,
                )
        with self.assertRaises(AccessError):
            picking_c.with_user(self.staff_a).read(["name"])

    def test_store_roles_and_executive_change_no_stock_document(self):
        picking_a = self.pickings[self.store_a]
        for user in (self.staff_a, self.manager_a, self.area_1, self.executive):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    picking_a.with_user(user).write({"origin": "changed"})
                with self.assertRaises(AccessError):
                    picking_a.move_line_ids.with_user(user).write({"quantity": 99})
                with self.assertRaises(AccessError):
                    picking_a.move_line_ids.with_user(user).unlink()
                with self.assertRaises(AccessError):
                    picking_a.with_user(user).unlink()
        self.assertNotEqual(picking_a.origin, "changed")
        self.assertEqual(picking_a.move_ids.product_uom_qty, 5)
        picking_a.with_user(self.buyer).write({"origin": "buyer note"})
        self.assertEqual(picking_a.origin, "buyer note")
