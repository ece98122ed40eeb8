import threading

from odoo import api
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, tagged

from .common import BohOrderingCase


class TestApproval(BohOrderingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.store_b.warehouse_id.resupply_wh_ids = [(6, 0, cls.cw.warehouse_id.ids)]
        cls.env["tier.definition"].create(
            {
                "name": "Big store orders",
                "model_id": cls.env["ir.model"]._get_id("boh.store.order"),
                "review_type": "group",
                "reviewer_group_id": cls.env.ref("boh_base.group_boh_area_manager").id,
                "definition_domain": "[('amount_total', '>', 500)]",
            }
        )
        cls.env["tier.definition"].create(
            {
                "name": "Over budget",
                "model_id": cls.env["ir.model"]._get_id("boh.store.order"),
                "review_type": "group",
                "reviewer_group_id": cls.env.ref("boh_base.group_boh_area_manager").id,
                "definition_domain": "[('over_budget', '=', True)]",
            }
        )

    def _submitted(self, **vals):
        order = self._create_order(**vals)
        order.with_user(self.manager_a).action_submit()
        return order

    def test_approve_runs_transfer_once(self):
        order = self._submitted()
        order.with_user(self.manager_a).action_approve()
        self.assertEqual(order.state, "fulfilling")
        self.assertTrue(order.procurement_group_id)
        pickings = order.picking_ids
        self.assertTrue(pickings)
        incoming = pickings.filtered(lambda p: p.location_dest_id == self.stock_loc)
        self.assertEqual(len(incoming), 1)
        self.assertEqual(
            sorted(incoming.move_ids.mapped("product_uom_qty")), [24.0, 50.0]
        )
        out = pickings - incoming
        self.assertEqual(out.picking_type_id.warehouse_id, self.cw.warehouse_id)
        self.assertEqual(
            incoming.move_ids[0].date_deadline.date().isoformat(), "2030-01-07"
        )
        with self.assertRaisesRegex(UserError, "already approved"):
            order.with_user(self.manager_a).action_approve()
        self.assertEqual(order.picking_ids, pickings, "nothing created twice")

    def test_tier_blocks_own_store_manager(self):
        order = self._create_order()
        order.line_ids[0].write({"qty_ordered": 600, "override_reason": "party"})
        self.assertGreater(order.amount_total, 500)
        order.with_user(self.manager_a).action_submit()
        self.assertTrue(order.review_ids, "review requested on submit")
        with self.assertRaises(ValidationError):
            order.with_user(self.manager_a).action_approve()
        self.assertEqual(order.state, "submitted")
        self.assertFalse(order.procurement_group_id)
        order.with_user(self.area_1).action_approve()
        self.assertEqual(order.state, "fulfilling")
        self.assertEqual(order.approved_by_id, self.area_1)

    def test_budget_tier(self):
        self.env["boh.store.budget"].create(
            {
                "store_id": self.store_a.id,
                "date_from": "2030-01-01",
                "date_to": "2030-01-31",
                "amount": 100,
            }
        )
        order = self._create_order()
        self.assertEqual(order.budget_amount, 100)
        self.assertEqual(order.budget_consumed, order.amount_total)
        self.assertTrue(order.over_budget)
        order.with_user(self.manager_a).action_submit()
        with self.assertRaises(ValidationError):
            order.with_user(self.manager_a).action_approve()
        order.with_user(self.area_1).action_approve()
        self.assertEqual(order.budget_id.consumed, order.amount_total)

    def test_deviation_tier(self):
        self.env["tier.definition"].create(
            {
                "name": "Far from the suggestion",
                "model_id": self.env["ir.model"]._get_id("boh.store.order"),
                "review_type": "group",
                "reviewer_group_id": self.env.ref("boh_base.group_boh_area_manager").id,
                "definition_domain": "[('deviation_pct', '>', 50)]",
            }
        )
        small = self._create_order()
        order = self._create_order(delivery_date="2030-01-09")
        small.with_user(self.manager_a).action_submit()
        self.assertFalse(small.review_ids, "followed the suggestion: no review")
        small.with_user(self.manager_a).action_approve()
        self.assertEqual(small.state, "fulfilling")
        cups = order.line_ids.filtered(lambda ln: ln.product_id == self.product_2)
        self.assertEqual(cups.qty_suggested, 24)
        cups.write({"qty_ordered": 48, "override_reason": "Festival"})
        self.assertEqual(order.deviation_pct, 100)
        self.assertLess(order.amount_total, 500, "only the deviation tier applies")
        order.with_user(self.manager_a).action_submit()
        self.assertEqual(order.review_ids.name, "Far from the suggestion")
        with self.assertRaises(ValidationError):
            order.with_user(self.manager_a).action_approve()
        self.assertEqual(order.state, "submitted")
        self.assertFalse(order.procurement_group_id, "nothing procured")
        with self.assertRaises(AccessError):
            order.with_user(self.area_2).action_approve()
        order.with_user(self.area_1).action_approve()
        self.assertEqual(order.state, "fulfilling")
        self.assertTrue(order.validated)

    def test_supplier_order_purchase_grouped_moq(self):
        order_a = self._submitted(
            source_type="supplier", source_store_id=False, partner_id=self.supplier.id
        )
        milk = order_a.line_ids
        self.assertEqual(milk.product_id, self.product_3)
        self.assertEqual(milk.qty_ordered, 10)
        self.assertEqual(milk.price_unit, 2.5)
        order_a2 = self._create_order(
            generate=False,
            source_type="supplier",
            source_store_id=False,
            partner_id=self.supplier.id,
            delivery_date="2030-01-09",
        )
        order_a2.action_generate_from_guide()
        order_a2.with_user(self.manager_a).action_submit()
        (order_a | order_a2).with_user(self.manager_a).action_approve()
        self.assertEqual(len(order_a.purchase_ids), 1)
        po = order_a.purchase_ids
        self.assertEqual(po.partner_id, self.supplier)
        self.assertEqual(po.boh_delivery_date.isoformat(), "2030-01-07")
        self.assertEqual(po.order_line.product_qty, 12, "raised to the MOQ")
        self.assertNotEqual(order_a2.purchase_ids, po, "one PO per delivery date")
        self.assertEqual(order_a.purchase_count, 1)

    def test_submit_refused_without_the_suppliers_price(self):
        """The supplier's price ends before the delivery date: the store
        manager learns it at submit, not the approver at approval."""
        seller = self.product_3.seller_ids
        seller.date_end = "2030-01-06"
        order = self._create_order(
            source_type="supplier", source_store_id=False, partner_id=self.supplier.id
        )
        self.assertTrue(order.line_ids.filtered("qty_ordered"))
        with self.assertRaisesRegex(
            UserError,
            rf"Order {order.name}: supplier {self.supplier.name} has no price for"
            r" \[TMILK\] Test Milk on 01/07/2030 .*another source",
        ):
            order.with_user(self.manager_a).action_submit()
        self.assertEqual(order.state, "draft")
        seller.date_end = "2030-01-31"  # the buyer renews the price
        order.with_user(self.manager_a).action_submit()
        self.assertEqual(order.state, "submitted")

    def test_two_orders_batch_approve(self):
        order_a = self._submitted()
        guide_b = self.guide.copy({"store_ids": [(6, 0, self.store_b.ids)]})
        order_b = self._create_order(store=self.store_b)
        self.assertEqual(order_b.guide_id, guide_b)
        order_b.with_user(self.manager_b).action_submit()
        (order_a | order_b).with_user(self.area_1).action_approve()
        self.assertEqual(set((order_a | order_b).mapped("state")), {"fulfilling"})
        self.assertNotEqual(order_a.picking_ids, order_b.picking_ids)

    def test_consolidation_and_pick_list(self):
        order = self._submitted()
        self._set_stock(self.product_1, 25, self.cw.lot_stock_id)
        self.env.flush_all()
        rows = self.env["boh.order.consolidation"].search(
            [("source_store_id", "=", self.cw.id), ("delivery_date", "=", "2030-01-07")]
        )
        flour = rows.filtered(lambda r: r.product_id == self.product_1)
        self.assertEqual(flour.qty_ordered, 50)
        self.assertEqual(flour.qty_available, 25)
        self.assertEqual(flour.qty_shortfall, 25)
        self.assertEqual(flour.store_count, 1)
        html, _ext = self.env["ir.actions.report"]._render_qweb_html(
            "boh_ordering.report_pick_list", order.ids
        )
        self.assertIn(b"Test Flour", html)
        action = rows.with_user(self.buyer).action_print_pick_lists()
        self.assertEqual(action["report_name"], "boh_ordering.report_pick_list")

    def test_cancel_approved_needs_area_manager(self):
        order = self._submitted()
        order.action_approve()
        with self.assertRaises(AccessError):
            order.with_user(self.manager_a).action_cancel()
        order.with_user(self.area_1).action_cancel()
        self.assertEqual(order.state, "cancel")
        self.assertEqual(set(order.picking_ids.mapped("state")), {"cancel"})


@tagged("-at_install", "post_install")
class TestConcurrentApproval(TransactionCase):
    """Two managers approve the same order at the same moment.

    The data is committed through separate cursors (the test's own
    transaction holds no lock they could wait for), and removed at the end.
    """

    def test_concurrent_approve(self):
        registry = self.registry
        with registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            store = env["boh.store"].create(
                {"name": "Concurrent Store", "code": "CCS", "store_type": "store"}
            )
            cw = env["boh.store"].create(
                {"name": "Concurrent CW", "code": "CCW", "store_type": "warehouse"}
            )
            store.warehouse_id.resupply_wh_ids = [(6, 0, cw.warehouse_id.ids)]
            product = env["product.product"].create(
                {"name": "Concurrent Rice", "is_storable": True}
            )
            order = env["boh.store.order"].create(
                {
                    "store_id": store.id,
                    "source_store_id": cw.id,
                    "delivery_date": "2031-03-03",
                    "state": "submitted",
                    "line_ids": [(0, 0, {"product_id": product.id, "qty_ordered": 5})],
                }
            )
            ids = {
                "order": order.id,
                "store": store.id,
                "cw": cw.id,
                "product": product.id,
            }
            cr.commit()  # pylint: disable=invalid-commit
        try:
            results = {}
            barrier = threading.Barrier(2, timeout=30)

            def approve(key):
                with registry.cursor() as cr2:
                    env2 = api.Environment(cr2, api.SUPERUSER_ID, {})
                    order2 = env2["boh.store.order"].browse(ids["order"])
                    if key == "first":
                        order2._lock_for_approval()
                        barrier.wait()  # hold the lock while the second tries
                        barrier.wait()
                        order2.action_approve()
                        cr2.commit()  # pylint: disable=invalid-commit
                        results[key] = "approved"
                    else:
                        barrier.wait()
                        try:
                            order2.action_approve()
                            results[key] = "approved"
                        except UserError as exc:
                            results[key] = str(exc)
                        cr2.rollback()
                        barrier.wait()

            threads = [
                threading.Thread(target=approve, args=(k,)) for k in ("first", "second")
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(60)
            self.assertEqual(results["first"], "approved")
            self.assertIn("being approved by someone else", results["second"])
            with registry.cursor() as cr3:
                env3 = api.Environment(cr3, api.SUPERUSER_ID, {})
                order3 = env3["boh.store.order"].browse(ids["order"])
                self.assertEqual(order3.state, "fulfilling")
                count = len(order3.picking_ids)
                with self.assertRaisesRegex(UserError, "already approved"):
                    order3.action_approve()
                self.assertEqual(
                    len(order3.picking_ids), count, "nothing created twice"
                )
        finally:
            with registry.cursor() as cr4:
                env4 = api.Environment(cr4, api.SUPERUSER_ID, {})
                order4 = env4["boh.store.order"].browse(ids["order"])
                pickings = order4.picking_ids
                pickings.action_cancel()
                pickings.move_ids.unlink()
                pickings.unlink()
                order4.state = "cancel"
                order4.unlink()
                env4["boh.store"].browse([ids["store"], ids["cw"]]).write(
                    {"active": False}
                )
                env4["product.product"].browse(ids["product"]).active = False
                cr4.commit()  # pylint: disable=invalid-commit
