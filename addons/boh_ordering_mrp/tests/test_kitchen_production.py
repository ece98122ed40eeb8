from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.boh_ordering.tests.common import BohOrderingCase


@tagged("-at_install", "post_install")
class TestKitchenProduction(BohOrderingCase):
    """Production list of the central kitchens."""

    def test_kitchen_production_list_two_levels(self):
        self.store_a.warehouse_id.resupply_wh_ids = [(4, self.ck.warehouse_id.id)]
        manufacture = self.ck.warehouse_id.manufacture_pull_id.route_id
        uom_gram = self.env.ref("uom.product_uom_gram")
        Product = self.env["product.product"]
        soup = Product.create(
            {
                "name": "Test Soup",
                "is_storable": True,
                "route_ids": [(6, 0, manufacture.ids)],
            }
        )
        broth, bones = Product.create(
            [
                {
                    "name": f"Test {name}",
                    "is_storable": True,
                    "uom_id": self.uom_kg.id,
                    "uom_po_id": self.uom_kg.id,
                }
                for name in ("Broth", "Bones")
            ]
        )
        bread = Product.create({"name": "Test Bread", "is_storable": True})
        Bom = self.env["mrp.bom"]
        # 2 soups: 500 g of broth and a bread; 1 kg of broth: 800 g of bones
        Bom.create(
            {
                "product_tmpl_id": soup.product_tmpl_id.id,
                "product_qty": 2,
                "bom_line_ids": [
                    (
                        0,
                        0,
                        {
                            "product_id": broth.id,
                            "product_qty": 500,
                            "product_uom_id": uom_gram.id,
                        },
                    ),
                    (0, 0, {"product_id": bread.id, "product_qty": 1}),
                ],
            }
        )
        Bom.create(
            {
                "product_tmpl_id": broth.product_tmpl_id.id,
                "product_qty": 1,
                "product_uom_id": self.uom_kg.id,
                "bom_line_ids": [
                    (
                        0,
                        0,
                        {
                            "product_id": bones.id,
                            "product_qty": 800,
                            "product_uom_id": uom_gram.id,
                        },
                    )
                ],
            }
        )
        self._set_stock(bones, 1.5, self.ck.lot_stock_id)
        self._set_stock(bread, 10, self.ck.lot_stock_id)
        self.guide.line_ids = [
            (
                0,
                0,
                {
                    "product_id": soup.id,
                    "source_type": "central_kitchen",
                    "source_store_id": self.ck.id,
                    "qty_par": 10,
                },
            )
        ]
        order = self._create_order(
            source_type="central_kitchen", source_store_id=self.ck.id
        )
        order.with_user(self.manager_a).action_submit()
        order.with_user(self.manager_a).action_approve()
        self.assertEqual(order.production_ids.product_qty, 10)
        Report = self.env["boh.kitchen.production"]
        with self.assertRaises(AccessError):
            Report.with_user(self.staff_a).action_open()
        action = Report.with_user(self.buyer).action_open()
        rows = Report.with_user(self.buyer).search(action["domain"])
        rows = rows.filtered(lambda r: r.kitchen_id == self.ck)
        self.assertEqual(len(set(rows.mapped("date"))), 1)
        self.assertLessEqual(rows[0].date, date(2030, 1, 7))
        got = {
            (r.line_type, r.level, r.product_id.name): (
                round(r.qty, 3),
                r.product_uom_id,
                round(r.qty_available, 3),
                round(r.qty_shortfall, 3),
            )
            for r in rows
        }
        self.assertEqual(
            got,
            {
                ("produce", 0, "Test Soup"): (10.0, self.uom_unit, 0.0, 0.0),
                ("produce", 1, "Test Broth"): (2.5, self.uom_kg, 0.0, 0.0),
                # 5 breads; those the manufacturing order reserved count back
                ("component", 1, "Test Bread"): (5.0, self.uom_unit, 10.0, 0.0),
                # 2.5 kg of broth x 0.8 = 2 kg of bones, 1.5 kg in stock
                ("component", 2, "Test Bones"): (2.0, self.uom_kg, 1.5, 0.5),
            },
        )
        # an area manager sees the same list; reopening replaces the rows
        area_rows = Report.with_user(self.area_1).search(
            Report.with_user(self.area_1).action_open()["domain"]
        )
        self.assertEqual(len(area_rows.filtered(lambda r: r.kitchen_id == self.ck)), 4)
