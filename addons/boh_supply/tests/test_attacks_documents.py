"""The rights of BOH roles on shipping notices, proposals and vendor bills.
Each attack is refused with a clear message and changes nothing."""

from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common_attacks import (
    AttackCase,
)


@tagged("post_install", "-at_install")
class TestDocumentAccess(AttackCase):
    """Executives read notices, proposals and vendor bills, never change them;
    store roles read only their stores' notices and no bill nor proposal;
    workflow fields change only through the buttons."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.po_b = cls.env["purchase.order"].create(
            {
                "partner_id": cls.supplier_1.id,
                "user_id": cls.buyer.id,
                "picking_type_id": cls.store_b.warehouse_id.in_type_id.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": cls.product.id,
                            "product_qty": 3,
                            "price_unit": 10,
                        }
                    )
                ],
            }
        )
        cls.po_b.button_confirm()
        cls.asn_b = cls.env["boh.asn"].create(
            {
                "partner_id": cls.supplier_1.id,
                "purchase_ids": [Command.set(cls.po_b.ids)],
                "expected_date": fields.Date.today() + timedelta(days=1),
                "line_ids": [
                    Command.create(
                        {"purchase_line_id": cls.po_b.order_line.id, "qty": 3}
                    )
                ],
            }
        )
        cls.credit = cls.env["account.move"].create(
            {
                "move_type": "in_refund",
                "partner_id": cls.supplier_1.id,
                "invoice_line_ids": [
                    Command.create({"name": "Refund", "quantity": 1, "price_unit": 5})
                ],
            }
        )

    def _refused(self, call):
        before = self._state()
        with self.assertRaises(AccessError):
            call()
        self.assertEqual(self._state(), before)

    def test_executive_reads_never_writes(self):
        exe = self.executive
        bills = self.bill_1 | self.bill_2 | self.credit
        self.assertEqual(bills.with_user(exe).read(["ref"])[0]["ref"], self.bill_1.ref)
        bills.invoice_line_ids.with_user(exe).read(["price_unit"])
        self.asn_1.with_user(exe).read(["name"])
        self.asn_1.line_ids.with_user(exe).read(["qty"])
        self.proposal.with_user(exe).read(["state"])
        self.assertFalse(exe.has_group("account.group_account_invoice"))
        Move = self.env["account.move"].with_user(exe)
        for label, call in (
            ("bill write", lambda: self.bill_1.with_user(exe).write({"ref": "X"})),
            ("bill unlink", lambda: self.bill_1.with_user(exe).unlink()),
            ("bill post", lambda: self.bill_1.with_user(exe).action_post()),
            (
                "bill create",
                lambda: Move.create(
                    {"move_type": "in_invoice", "partner_id": self.supplier_1.id}
                ),
            ),
            ("credit write", lambda: self.credit.with_user(exe).write({"ref": "X"})),
            (
                "bill line write",
                lambda: self.bill_1.invoice_line_ids.with_user(exe).write(
                    {"price_unit": 1}
                ),
            ),
            ("asn write", lambda: self.asn_1.with_user(exe).write({"note": "x"})),
            ("asn unlink", lambda: self.asn_1.with_user(exe).unlink()),
            ("asn send", lambda: self.asn_1.with_user(exe).action_send()),
            (
                "asn create",
                lambda: (
                    self.env["boh.asn"]
                    .with_user(exe)
                    .create(
                        {
                            "partner_id": self.supplier_1.id,
                            "purchase_ids": [Command.set(self.po_1.ids)],
                            "expected_date": self.today,
                        }
                    )
                ),
            ),
            (
                "asn line write",
                lambda: self.asn_1.line_ids.with_user(exe).write({"qty": 1}),
            ),
            (
                "proposal write",
                lambda: self.proposal.with_user(exe).write({"note": "x"}),
            ),
            ("proposal unlink", lambda: self.proposal.with_user(exe).unlink()),
            ("proposal accept", lambda: self.proposal.with_user(exe).action_accept()),
            (
                "proposal refuse",
                lambda: self.proposal.with_user(exe).action_refuse("no"),
            ),
            (
                "proposal create",
                lambda: (
                    self.env["boh.supply.proposal"]
                    .with_user(exe)
                    .create({"line_id": self.line_lot.id, "proposed_qty": 1})
                ),
            ),
        ):
            with self.subTest(label):
                self._refused(call)

    def test_store_roles(self):
        # Every order of the common setup delivers to store A, po_b to B.
        asn_a, asn_b = self.asn_1 | self.asn_2, self.asn_b
        ours = [("id", "in", (asn_a | asn_b).ids)]

        def asns(user, model="boh.asn"):
            return self.env[model].with_user(user).search(ours)

        self.assertEqual(asns(self.staff_a), asn_a)
        self.assertEqual(asns(self.manager_b), asn_b)
        self.assertEqual(asns(self.area_1), asn_a | asn_b)
        self.assertFalse(asns(self.area_2))
        self.assertEqual(asns(self.buyer), asn_a | asn_b)
        self.assertEqual(
            self.env["boh.asn.line"]
            .with_user(self.staff_a)
            .search([("asn_id", "in", (asn_a | asn_b).ids)]),
            asn_a.line_ids,
        )
        asn_a = self.asn_1
        for label, call in (
            ("staff reads B", lambda: asn_b.with_user(self.staff_a).read(["name"])),
            (
                "manager B reads A",
                lambda: asn_a.with_user(self.manager_b).read(["name"]),
            ),
            ("area 2 reads A", lambda: asn_a.with_user(self.area_2).read(["name"])),
            (
                "staff reads B's lines",
                lambda: asn_b.line_ids.with_user(self.staff_a).read(["qty"]),
            ),
            (
                "manager writes own",
                lambda: asn_a.with_user(self.manager_a).write({"note": "x"}),
            ),
            (
                "manager sends own",
                lambda: asn_a.with_user(self.manager_a).action_send(),
            ),
            (
                "manager cancels own",
                lambda: asn_a.with_user(self.manager_a).action_cancel(),
            ),
            ("area unlinks", lambda: asn_a.with_user(self.area_1).unlink()),
            (
                "staff reads bills",
                lambda: self.env["account.move"].with_user(self.staff_a).search([]),
            ),
            (
                "manager reads a bill",
                lambda: self.bill_1.with_user(self.manager_a).read(["ref"]),
            ),
            (
                "area reads a credit note",
                lambda: self.credit.with_user(self.area_1).read(["ref"]),
            ),
            (
                "manager reads proposals",
                lambda: self.proposal.with_user(self.manager_a).read(["state"]),
            ),
            (
                "manager accepts",
                lambda: self.proposal.with_user(self.manager_a).action_accept(),
            ),
        ):
            with self.subTest(label):
                self._refused(call)

    def test_workflow_fields(self):
        buyer = self.buyer
        asn = self.asn_1.with_user(buyer)
        proposal = self.proposal.with_user(buyer)
        for label, call in (
            ("asn state", lambda: asn.write({"state": "received"})),
            ("asn supplier", lambda: asn.write({"partner_id": self.supplier_2.id})),
            (
                "asn orders",
                lambda: asn.write({"purchase_ids": [Command.link(self.po_b.id)]}),
            ),
            (
                "asn receipts",
                lambda: asn.write(
                    {"picking_ids": [Command.link(self.po_2.picking_ids.id)]}
                ),
            ),
            (
                "asn line order line",
                lambda: asn.line_ids.write({"purchase_line_id": self.line_lot.id}),
            ),
            ("proposal state", lambda: proposal.write({"state": "accepted"})),
            (
                "proposal decided by",
                lambda: proposal.write({"decided_by_id": buyer.id}),
            ),
            ("proposal quantity", lambda: proposal.write({"proposed_qty": 1000})),
            ("proposal line", lambda: proposal.write({"line_id": self.line_lot.id})),
            (
                "proposal created decided",
                lambda: (
                    self.env["boh.supply.proposal"]
                    .with_user(buyer)
                    .create(
                        {
                            "line_id": self.line_lot.id,
                            "proposed_qty": 1,
                            "state": "accepted",
                        }
                    )
                ),
            ),
            (
                "asn created received",
                lambda: (
                    self.env["boh.asn"]
                    .with_user(buyer)
                    .create(
                        {
                            "partner_id": self.supplier_1.id,
                            "purchase_ids": [Command.set(self.po_1.ids)],
                            "expected_date": self.today,
                            "state": "received",
                        }
                    )
                ),
            ),
        ):
            with self.subTest(label):
                self._refused(call)
        # The buttons do it.
        proposal.action_accept()
        self.assertEqual(self.proposal.state, "accepted")
        self.assertEqual(self.proposal.decided_by_id, buyer)
        self.assertEqual(self.line_1.product_qty, 8.0)
        asn.action_send()
        self.assertEqual(self.asn_1.state, "sent")

    def test_buyer_bills_without_accounting_admin(self):
        """The buyer's bill queue works with the purchase rights alone."""
        buyer = self.buyer
        self.assertFalse(buyer.has_group("account.group_account_manager"))
        self.assertFalse(buyer.has_group("account.group_account_invoice"))
        tile = self.env.ref("boh_supply.boh_supply_dashboard_bills").with_user(buyer)
        self.assertTrue(tile.count)
        action = tile.action_open()
        bills = self.env["account.move"].with_user(buyer).search(action["domain"])
        self.assertIn(self.bill_1, bills)
        bills.read(["ref", "boh_supply_diff", "amount_total"])
