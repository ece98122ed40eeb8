from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.boh_ordering.tests.common import BohOrderingCase


@tagged("-at_install", "post_install")
class TestKitchenManufacture(BohOrderingCase):
    """Approving a central kitchen order manufactures what it delivers."""

    def test_central_kitchen_manufactures(self):
        self.store_a.warehouse_id.resupply_wh_ids = [(4, self.ck.warehouse_id.id)]
        kitchen_wh = self.ck.warehouse_id
        manufacture = kitchen_wh.manufacture_pull_id.route_id
        self.assertTrue(manufacture, "the kitchen manufactures")
        soup = self.env["product.product"].create(
            {
                "name": "Test Soup",
                "default_code": "TSOUP",
                "is_storable": True,
                "standard_price": 4.0,
                "route_ids": [(6, 0, manufacture.ids)],
            }
        )
        self.env["mrp.bom"].create(
            {
                "product_tmpl_id": soup.product_tmpl_id.id,
                "product_qty": 1,
                "bom_line_ids": [
                    (0, 0, {"product_id": self.product_1.id, "product_qty": 0.5})
                ],
            }
        )
        order = self._create_kitchen_order(soup, par=10)
        self.assertEqual(order.line_ids.product_id, soup)
        self.assertEqual(order.line_ids.qty_ordered, 10)
        order.with_user(self.manager_a).action_submit()
        order.with_user(self.manager_a).action_approve()
        self.assertEqual(order.state, "fulfilling")
        production = order.production_ids
        self.assertEqual(len(production), 1)
        self.assertEqual(order.production_count, 1)
        self.assertEqual(production.product_id, soup)
        self.assertEqual(production.product_qty, 10)
        self.assertEqual(production.picking_type_id.warehouse_id, kitchen_wh)
        self.assertEqual(production.origin, order.name)
        self.assertEqual(
            production.move_raw_ids.product_id, self.product_1, "cooked from flour"
        )
        kitchen_out = production.move_finished_ids.move_dest_ids
        self.assertEqual(kitchen_out.group_id, order.procurement_group_id)
        incoming = order.picking_ids.filtered(
            lambda p: p.location_dest_id == self.stock_loc
        )
        self.assertEqual(incoming.move_ids.product_id, soup)
        # approving again creates no second manufacturing order
        with self.assertRaisesRegex(UserError, "already approved"):
            order.with_user(self.manager_a).action_approve()
        self.assertEqual(order.production_ids, production)
