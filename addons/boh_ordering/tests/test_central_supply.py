from odoo.tests import tagged

from .common import BohOrderingCase


@tagged("-at_install", "post_install")
class TestCentralSupply(BohOrderingCase):
    """Shortfall of the central warehouse; kitchen orders without manufacturing."""

    def _order(self, delivery_date, flour_qty, **vals):
        order = self._create_order(delivery_date=delivery_date, **vals)
        order.line_ids.filtered(lambda line: line.product_id == self.product_1).write(
            {"qty_ordered": flour_qty, "override_reason": "Test"}
        )
        order.with_user(self.manager_a).action_submit()
        return order

    def _cw_picking(self, code, qty, when):
        """A receipt into or a delivery out of the central warehouse."""
        warehouse = self.cw.warehouse_id
        picking_type = warehouse.in_type_id if code == "in" else warehouse.out_type_id
        outside = self.env.ref(
            "stock.stock_location_suppliers"
            if code == "in"
            else "stock.stock_location_customers"
        )
        src, dst = (
            (outside, self.cw.lot_stock_id)
            if code == "in"
            else (self.cw.lot_stock_id, outside)
        )
        picking = self.env["stock.picking"].create(
            {
                "picking_type_id": picking_type.id,
                "location_id": src.id,
                "location_dest_id": dst.id,
                "scheduled_date": when,
                "move_ids": [
                    (
                        0,
                        0,
                        {
                            "name": self.product_1.name,
                            "product_id": self.product_1.id,
                            "product_uom": self.uom_kg.id,
                            "product_uom_qty": qty,
                            "location_id": src.id,
                            "location_dest_id": dst.id,
                            "date": when,
                        },
                    )
                ],
            }
        )
        picking.action_confirm()
        picking.action_assign()
        return picking

    def test_cumulative_shortfall_over_three_dates(self):
        # on hand 15 kg, 5 reserved by another delivery: 10 kg free;
        # 5 kg expected on the third date
        self._set_stock(self.product_1, 15, self.cw.lot_stock_id)
        self._cw_picking("out", 5, "2030-01-06 10:00:00")
        self._cw_picking("in", 5, "2030-01-09 06:00:00")
        self._order("2030-01-07", 5)
        self._order("2030-01-08", 10)
        self._order("2030-01-09", 5)
        self.env.flush_all()
        rows = (
            self.env["boh.order.consolidation"]
            .with_user(self.buyer)
            .search(
                [
                    ("source_store_id", "=", self.cw.id),
                    ("product_id", "=", self.product_1.id),
                ],
                order="delivery_date",
            )
        )
        self.assertEqual(
            [
                (
                    str(r.delivery_date),
                    r.qty_ordered,
                    r.qty_available,
                    r.qty_demand_cumulative,
                    r.qty_incoming,
                    r.qty_shortfall,
                )
                for r in rows
            ],
            [
                # cumulative demand - free - incoming by then
                ("2030-01-07", 5.0, 10.0, 5.0, 0.0, 0.0),  # 5 - 10
                ("2030-01-08", 10.0, 10.0, 15.0, 0.0, 5.0),  # 15 - 10
                ("2030-01-09", 5.0, 10.0, 20.0, 5.0, 5.0),  # 20 - 10 - 5
            ],
        )

    def test_approval_beyond_stock_waits_and_tells_the_buyer(self):
        self._set_stock(self.product_1, 30, self.cw.lot_stock_id)
        order = self._order("2030-01-07", 50)
        order.with_user(self.area_1).action_approve()
        self.assertEqual(order.state, "fulfilling")
        # the warehouse's transfer reserved the 30 kg and waits for the rest
        out_move = order.picking_ids.move_ids.filtered(
            lambda m: (
                m.product_id == self.product_1 and m.location_id == self.cw.lot_stock_id
            )
        )
        self.assertEqual(out_move.state, "partially_available")
        self.assertEqual(out_move.quantity, 30)
        quants = self.env["stock.quant"].search(
            [
                ("product_id", "=", self.product_1.id),
                ("location_id", "child_of", self.cw.warehouse_id.view_location_id.id),
            ]
        )
        self.assertFalse(quants.filtered(lambda q: q.quantity < 0))
        self.assertEqual(sum(quants.mapped("quantity")), 30)
        # the consolidation shows the 20 kg missing
        self.env.flush_all()
        row = (
            self.env["boh.order.consolidation"]
            .with_user(self.buyer)
            .search(
                [
                    ("source_store_id", "=", self.cw.id),
                    ("product_id", "=", self.product_1.id),
                    ("delivery_date", "=", "2030-01-07"),
                ]
            )
        )
        self.assertEqual(row.qty_available, 0)
        self.assertEqual(row.qty_shortfall, 20)
        # the buyer has an activity on the order, the order says why
        activity = order.activity_ids.filtered(
            lambda a: (
                a.activity_type_id
                == self.env.ref("boh_ordering.mail_activity_type_source_shortfall")
            )
        )
        self.assertEqual(activity.user_id, self.buyer)
        self.assertIn("Test Flour: 20", activity.note)
        self.assertTrue(
            order.message_ids.filtered(lambda m: "Test Flour: 20" in (m.body or ""))
        )

    def test_kitchen_order_delivers_from_the_kitchen_stock(self):
        """Without a route on which the kitchen makes the dish (boh_ordering
        without boh_ordering_mrp, or no bill of materials), approving a
        kitchen order only transfers what the kitchen has in stock."""
        self.store_a.warehouse_id.resupply_wh_ids = [(4, self.ck.warehouse_id.id)]
        soup = self.env["product.product"].create(
            {"name": "Test Soup", "default_code": "TSOUP", "is_storable": True}
        )
        self._set_stock(soup, 30, self.ck.lot_stock_id)
        order = self._create_kitchen_order(soup, par=10)
        self.assertEqual(order.line_ids.product_id, soup)
        order.with_user(self.manager_a).action_submit()
        order.with_user(self.manager_a).action_approve()
        self.assertEqual(order.state, "fulfilling")
        self.assertFalse(order.fulfilment_error)
        kitchen_view = self.ck.warehouse_id.view_location_id
        made_at_kitchen = self.env["stock.move"].search(
            [
                ("location_dest_id", "child_of", kitchen_view.id),
                ("product_id", "=", soup.id),
            ]
        )
        self.assertFalse(made_at_kitchen, "the kitchen makes nothing for it")
        out = order.picking_ids.move_ids.filtered(
            lambda m: m.location_id == self.ck.lot_stock_id
        )
        self.assertEqual(out.product_id, soup)
        self.assertEqual(out.product_uom_qty, 10)
        self.assertEqual(out.state, "assigned", "reserved in the kitchen's stock")
        self.assertFalse(out.move_orig_ids)
        incoming = order.picking_ids.filtered(
            lambda p: p.location_dest_id == self.stock_loc
        )
        self.assertEqual(incoming.move_ids.product_id, soup)
