import re

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from odoo.addons.boh_base.tests.common import BohCase
from odoo.addons.boh_supply.tests.common import ensure_chart_of_accounts

CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')


class RejectionCase(BohCase):
    """Store A orders flour and milk from a supplier; the approval buys them
    (a purchase order the buyer confirms); the supplier's portal user, a
    contact without email, answers on the portal."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ensure_chart_of_accounts(cls.env)
        cls.cw = cls.env["boh.store"].create(
            {"name": "Rej Central Warehouse", "code": "RCW", "store_type": "warehouse"}
        )
        cls.store_a.warehouse_id.resupply_wh_ids = [
            Command.set(cls.cw.warehouse_id.ids)
        ]
        Partner = cls.env["res.partner"]
        cls.supplier, cls.supplier_2, cls.supplier_3 = Partner.create(
            [
                {"name": "Rej Supplier", "is_company": True},
                {"name": "Rej Other Supplier", "is_company": True},
                {"name": "Rej Supplier Without Prices", "is_company": True},
            ]
        )
        contact = Partner.create({"name": "Rej Sales", "parent_id": cls.supplier.id})
        cls.portal = (
            cls.env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                {
                    "name": "Rej Sales",
                    "login": "rej_supplier",
                    "password": "rej_supplier",
                    "partner_id": contact.id,
                    "groups_id": [Command.set(cls.env.ref("base.group_portal").ids)],
                }
            )
        )
        uom_kg = cls.env.ref("uom.product_uom_kgm")
        cls.flour, cls.milk = cls.env["product.product"].create(
            [
                {
                    "name": "Rej Flour",
                    "is_storable": True,
                    "uom_id": uom_kg.id,
                    "uom_po_id": uom_kg.id,
                    "standard_price": 2.0,
                    "seller_ids": [
                        Command.create({"partner_id": cls.supplier.id, "price": 3.0}),
                        Command.create({"partner_id": cls.supplier_2.id, "price": 3.5}),
                    ],
                },
                {
                    "name": "Rej Milk",
                    "is_storable": True,
                    "standard_price": 1.0,
                    "seller_ids": [
                        Command.create({"partner_id": cls.supplier.id, "price": 1.2})
                    ],
                },
            ]
        )
        guide_lines = []
        for product in (cls.flour, cls.milk):
            guide_lines += [
                Command.create(
                    {
                        "product_id": product.id,
                        "source_type": "supplier",
                        "partner_id": cls.supplier.id,
                    }
                ),
                Command.create(
                    {
                        "product_id": product.id,
                        "source_type": "central_warehouse",
                        "source_store_id": cls.cw.id,
                    }
                ),
            ]
        cls.env["boh.order.guide"].create(
            {
                "name": "Rej Guide A",
                "store_ids": [Command.set(cls.store_a.ids)],
                "line_ids": guide_lines,
            }
        )
        cls.tile = cls.env.ref("boh_supply.boh_supply_dashboard_rejected")

    def _approved_order(self):
        """Store A's supplier order, approved by its manager; its purchase
        order confirmed by the buyer."""
        order = (
            self.env["boh.store.order"]
            .with_user(self.manager_a)
            .create(
                {
                    "store_id": self.store_a.id,
                    "source_type": "supplier",
                    "partner_id": self.supplier.id,
                    "delivery_date": "2030-01-07",
                    "line_ids": [
                        Command.create(
                            {"product_id": self.flour.id, "qty_ordered": 10}
                        ),
                        Command.create({"product_id": self.milk.id, "qty_ordered": 6}),
                    ],
                }
            )
        )
        order.action_submit()
        order.action_approve()
        purchase = order.sudo().purchase_ids
        self.assertEqual(len(purchase), 1)
        purchase.with_user(self.buyer).button_confirm()
        self.assertEqual(purchase.state, "purchase")
        self.assertTrue(purchase.picking_ids)
        return order, purchase

    def _reject(self, purchase, reason, lines=None):
        """What the portal route calls (the order in sudo, the author given)."""
        return (
            purchase.sudo()
            .with_context(boh_author_id=self.portal.partner_id.id)
            ._boh_supplier_reject(reason, lines=lines)
        )

    def _gaps(self, order):
        return {
            line.product_id: line.qty_supply_gap
            for line in order.with_user(self.manager_a).line_ids
        }

    def _system_notes(self, order):
        root = self.env.ref("base.partner_root")
        return order.with_user(self.manager_a).message_ids.filtered(
            lambda m: m.author_id == root and "rejected these lines" in (m.body or "")
        )

    def _resource(self, order, user=None, **vals):
        values = {"order_id": order.id, "source_type": "central_warehouse"}
        values.setdefault("source_store_id", self.cw.id)
        values.update(vals)
        wizard = (
            self.env["boh.supply.resource.wizard"]
            .with_user(user or self.manager_a)
            .with_context(default_order_id=order.id)
            .create(values)
        )
        action = wizard.action_resource()
        return self.env["boh.store.order"].browse(action["res_id"])


@tagged("post_install", "-at_install")
class TestSupplierRejectionPortal(HttpCase, RejectionCase):
    def test_whole_rejection_through_portal(self):
        order, purchase = self._approved_order()
        self.assertEqual(self.tile.with_user(self.buyer).count, 0)
        self.authenticate("rej_supplier", "rej_supplier")
        page = self.url_open(f"/my/purchase/{purchase.id}").text
        csrf = CSRF_RE.search(page).group(1)
        response = self.url_open(
            f"/my/purchase/{purchase.id}/boh/reject",
            data={"reason": "Mill closed", "csrf_token": csrf},
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("success=", response.url)
        # The purchase order and its receipt are cancelled.
        self.assertEqual(purchase.state, "cancel")
        self.assertTrue(purchase.boh_rejected)
        self.assertEqual(set(purchase.picking_ids.mapped("state")), {"cancel"})
        self.assertEqual(set(purchase.order_line.move_ids.mapped("state")), {"cancel"})
        self.assertEqual(purchase.order_line.mapped("boh_rejected_qty"), [10.0, 6.0])
        # The store sees the gap and a system note in its order.
        self.assertEqual(self._gaps(order), {self.flour: 10.0, self.milk: 6.0})
        self.assertTrue(order.with_user(self.manager_a).has_supply_gap)
        note = self._system_notes(order)
        self.assertEqual(len(note), 1)
        self.assertIn(purchase.name, note.body)
        self.assertIn("Mill closed", note.body)
        # The buyer's dashboard counts it and opens it.
        tile = self.tile.with_user(self.buyer)
        self.assertEqual(tile.count, 1)
        action = tile.action_open()
        self.assertEqual(
            self.env["purchase.order"].with_user(self.buyer).search(action["domain"]),
            purchase,
        )
        # The store manager re-sources from the central warehouse.
        new_order = self._resource(order)
        self.assertEqual(new_order.state, "draft")
        self.assertEqual(new_order.source_store_id, self.cw)
        self.assertEqual(
            {(line.product_id, line.qty_ordered) for line in new_order.line_ids},
            {(self.flour, 10.0), (self.milk, 6.0)},
        )
        self.assertEqual(new_order.line_ids.resourced_from_id, order.line_ids)
        self.assertEqual(self._gaps(order), {self.flour: 0.0, self.milk: 0.0})
        self.assertFalse(order.has_supply_gap)
        self.assertTrue(purchase.boh_rejection_handled)
        self.tile.invalidate_model(["count"])
        self.assertEqual(self.tile.with_user(self.buyer).count, 0)
        # The replacement can go through the usual workflow.
        new_order.with_user(self.manager_a).action_submit()
        self.assertEqual(new_order.state, "submitted")

    def test_other_supplier_cannot_reject(self):
        order, purchase = self._approved_order()
        other = (
            self.env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                {
                    "name": "Rej Intruder",
                    "login": "rej_intruder",
                    "password": "rej_intruder",
                    "groups_id": [Command.set(self.env.ref("base.group_portal").ids)],
                }
            )
        )
        other.partner_id.parent_id = self.supplier_2
        self.authenticate("rej_intruder", "rej_intruder")
        csrf = CSRF_RE.search(self.url_open("/my/account").text)
        token = csrf.group(1)
        self.url_open(
            f"/my/purchase/{purchase.id}/boh/reject",
            data={"reason": "x", "csrf_token": token},
        )
        self.assertEqual(purchase.state, "purchase")
        self.assertFalse(purchase.boh_has_rejection)
        self.assertEqual(self._gaps(order), {self.flour: 0.0, self.milk: 0.0})


@tagged("post_install", "-at_install")
class TestSupplierRejection(RejectionCase):
    def test_partial_rejection(self):
        order, purchase = self._approved_order()
        lines = purchase.order_line
        flour_pol = lines.filtered(lambda pol: pol.product_id == self.flour)
        milk_pol = purchase.order_line - flour_pol
        self._reject(purchase, "No flour this week", lines=flour_pol)
        self.assertEqual(purchase.state, "purchase", "the milk still comes")
        self.assertFalse(purchase.boh_rejected)
        self.assertTrue(purchase.boh_has_rejection)
        self.assertEqual(flour_pol.boh_confirm_state, "rejected")
        self.assertEqual(flour_pol.boh_rejected_qty, 10.0)
        self.assertEqual(flour_pol.product_qty, 0.0)
        self.assertEqual(set(flour_pol.move_ids.mapped("state")), {"cancel"})
        self.assertNotIn("cancel", milk_pol.move_ids.mapped("state"))
        self.assertEqual(milk_pol.product_qty, 6.0)
        self.assertNotEqual(milk_pol.move_ids.picking_id.state, "cancel")
        self.assertEqual(self._gaps(order), {self.flour: 10.0, self.milk: 0.0})
        self.assertEqual(len(self._system_notes(order)), 1)
        self.assertEqual(self.tile.with_user(self.buyer).count, 1)
        # Rejecting it again is refused.
        with self.assertRaisesRegex(UserError, "already rejected"):
            self._reject(purchase, "again", lines=flour_pol)
        # Another supplier without a price is refused, nothing is created.
        orders_before = self.env["boh.store.order"].search_count([])
        with self.assertRaisesRegex(UserError, "no price for"):
            self._resource(
                order,
                source_type="supplier",
                source_store_id=False,
                partner_id=self.supplier_3.id,
            )
        self.assertEqual(self.env["boh.store.order"].search_count([]), orders_before)
        # The buyer re-sources from the other supplier.
        new_order = self._resource(
            order,
            user=self.buyer,
            source_type="supplier",
            source_store_id=False,
            partner_id=self.supplier_2.id,
            delivery_date="2030-01-08",
        )
        self.assertEqual(new_order.partner_id, self.supplier_2)
        self.assertEqual(new_order.line_ids.product_id, self.flour)
        self.assertEqual(new_order.line_ids.qty_ordered, 10.0)
        self.assertEqual(new_order.line_ids.price_unit, 3.5)
        self.assertEqual(self._gaps(order)[self.flour], 0.0)
        self.assertTrue(purchase.boh_rejection_handled)
        # A cancelled replacement brings the gap back.
        new_order.with_user(self.manager_a).action_cancel()
        self.assertEqual(self._gaps(order)[self.flour], 10.0)

    def test_rejecting_every_line_cancels_the_order(self):
        order, purchase = self._approved_order()
        self._reject(purchase, "Closed", lines=purchase.order_line)
        self.assertEqual(purchase.state, "cancel")
        self.assertEqual(set(purchase.picking_ids.mapped("state")), {"cancel"})
        self.assertEqual(self._gaps(order), {self.flour: 10.0, self.milk: 6.0})


@tagged("post_install", "-at_install")
class TestSupplierRejectionAttacks(RejectionCase):
    def test_staff_cannot_resource(self):
        order, purchase = self._approved_order()
        self._reject(purchase, "No stock")
        count = self.env["boh.store.order"].search_count([])
        with self.assertRaises(AccessError):
            order.with_user(self.staff_a).action_open_resource_wizard()
        with self.assertRaises(AccessError):
            self._resource(order, user=self.staff_a)
        self.assertEqual(self.env["boh.store.order"].search_count([]), count)
        self.assertEqual(self._gaps(order), {self.flour: 10.0, self.milk: 6.0})

    def test_other_store_manager_cannot_resource(self):
        order, purchase = self._approved_order()
        self._reject(purchase, "No stock")
        count = self.env["boh.store.order"].search_count([])
        with self.assertRaises(AccessError):
            self._resource(order, user=self.manager_b)
        self.assertEqual(self.env["boh.store.order"].search_count([]), count)
        self.assertTrue(order.has_supply_gap)

    def test_replacement_link_is_workflow_only(self):
        order, purchase = self._approved_order()
        self._reject(purchase, "No stock")
        draft = (
            self.env["boh.store.order"]
            .with_user(self.manager_a)
            .create(
                {
                    "store_id": self.store_a.id,
                    "source_type": "central_warehouse",
                    "source_store_id": self.cw.id,
                    "delivery_date": "2030-01-09",
                }
            )
        )
        Line = self.env["boh.store.order.line"].with_user(self.manager_a)
        with self.assertRaises(AccessError):
            Line.create(
                {
                    "order_id": draft.id,
                    "product_id": self.flour.id,
                    "qty_ordered": 10,
                    "resourced_from_id": order.line_ids[0].id,
                }
            )
        line = Line.create(
            {"order_id": draft.id, "product_id": self.flour.id, "qty_ordered": 10}
        )
        with self.assertRaises(AccessError):
            line.write({"resourced_from_id": order.line_ids[0].id})
        self.assertFalse(line.resourced_from_id)
        self.assertEqual(self._gaps(order), {self.flour: 10.0, self.milk: 6.0})

    def test_foreign_line_refused(self):
        order, purchase = self._approved_order()
        other = self.env["purchase.order"].create(
            {
                "partner_id": self.supplier.id,
                "order_line": [
                    Command.create({"product_id": self.milk.id, "product_qty": 1})
                ],
            }
        )
        with self.assertRaisesRegex(UserError, "are not lines of order"):
            self._reject(purchase, "x", lines=other.order_line)
        self.assertEqual(purchase.state, "purchase")
        self.assertFalse(purchase.boh_has_rejection)
        self.assertEqual(self._gaps(order), {self.flour: 0.0, self.milk: 0.0})

    def test_reason_required(self):
        order, purchase = self._approved_order()
        with self.assertRaisesRegex(UserError, "give the reason"):
            self._reject(purchase, "  ")
        self.assertEqual(purchase.state, "purchase")
        self.assertFalse(self._system_notes(order))
