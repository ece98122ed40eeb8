"""Who may read and change statements through the ORM (what RPC reaches)."""

from datetime import timedelta

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import StatementCase


@tagged("post_install", "-at_install")
class TestStatementAccess(StatementCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.statement, cls.other = cls._generate()
        cls.statement.action_send()
        # supplier 2's stays a draft for now

    def test_supplier_reads_only_its_sent_statements(self):
        Statement = self.env["boh.supplier.statement"]
        Line = self.env["boh.supplier.statement.line"]
        self.assertEqual(Statement.with_user(self.portal_1).search([]), self.statement)
        self.assertEqual(
            Line.with_user(self.portal_1).search([]), self.statement.line_ids
        )
        # Supplier 2: its own statement is a draft, supplier 1's is not its.
        self.assertFalse(Statement.with_user(self.portal_2).search([]))
        self.assertFalse(Line.with_user(self.portal_2).search([]))
        for record in (self.statement, self.statement.line_ids[:1], self.other):
            with self.subTest(record=record), self.assertRaises(AccessError):
                record.with_user(self.portal_2).read(["display_name"])
        self.other.action_send()
        self.assertEqual(Statement.with_user(self.portal_2).search([]), self.other)
        with self.assertRaises(AccessError):
            self.statement.with_user(self.portal_2).read(["amount_balance"])

    @mute_logger("odoo.models", "odoo.addons.base.models.ir_model")
    def test_supplier_writes_nothing(self):
        """Its own statement, its own lines: no write, create or unlink, no
        button, no private method reached over RPC."""
        before = self._snapshot(self.statement)
        statement = self.statement.with_user(self.portal_1)
        line = self.statement.line_ids[:1].with_user(self.portal_1)
        attacks = [
            ("write state", lambda: statement.write({"state": "confirmed"})),
            ("write amounts", lambda: statement.write({"amount_opening": 0.0})),
            (
                "write lines",
                lambda: statement.write(
                    {
                        "line_ids": [
                            Command.update(line.id, {"supplier_status": "confirmed"})
                        ]
                    }
                ),
            ),
            ("write line", lambda: line.write({"supplier_status": "confirmed"})),
            ("write comment", lambda: line.write({"supplier_comment": "x"})),
            ("unlink line", lambda: line.unlink()),
            ("unlink", lambda: statement.unlink()),
            (
                "create line",
                lambda: (
                    self.env["boh.supplier.statement.line"]
                    .with_user(self.portal_1)
                    .create({"statement_id": self.statement.id, "amount": -1000})
                ),
            ),
            (
                "create statement",
                lambda: (
                    self.env["boh.supplier.statement"]
                    .with_user(self.portal_1)
                    .create(
                        {
                            "partner_id": self.supplier_1.id,
                            "date_from": self.before_from,
                            "date_to": self.date_from - timedelta(days=1),
                        }
                    )
                ),
            ),
            ("send", lambda: statement.action_send()),
            ("back to draft", lambda: statement.action_reset_draft()),
            ("refresh", lambda: statement.action_refresh()),
            (
                "generate",
                lambda: (
                    self.env["boh.supplier.statement"]
                    .with_user(self.portal_1)
                    ._boh_generate(self.before_from)
                ),
            ),
        ]
        for name, attack in attacks:
            with self.subTest(attack=name), self.assertRaises(AccessError):
                with self.env.cr.savepoint():
                    attack()
            self.assertEqual(self._snapshot(self.statement), before)

    def test_store_roles_cannot_read(self):
        for user in (self.staff_a, self.manager_a, self.area_1):
            for model in ("boh.supplier.statement", "boh.supplier.statement.line"):
                with self.subTest(user=user.login, model=model):
                    with self.assertRaises(AccessError):
                        self.env[model].with_user(user).search([])
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.statement.with_user(user).read(["amount_balance"])

    @mute_logger("odoo.models")
    def test_executive_reads_never_writes(self):
        statement = self.statement.with_user(self.executive)
        self.assertTrue(statement.read(["amount_balance"]))
        for name, attack in (
            ("send", lambda: self.other.with_user(self.executive).action_send()),
            ("write", lambda: statement.write({"user_id": self.executive.id})),
            ("reset", lambda: statement.action_reset_draft()),
        ):
            with self.subTest(attack=name), self.assertRaises(AccessError):
                with self.env.cr.savepoint():
                    attack()
        self.assertEqual(self.other.state, "draft")
        self.assertEqual(self.statement.user_id, self.buyer)

    def test_buyer_only_through_the_workflow(self):
        """The buyer sends and resets with the buttons, but writes no state,
        supplier answer or line directly."""
        statement = self.statement.with_user(self.buyer)
        line = self.statement.line_ids[:1].with_user(self.buyer)
        before = self._snapshot(self.statement)
        for name, attack in (
            ("state", lambda: statement.write({"state": "confirmed"})),
            ("supplier", lambda: statement.write({"partner_id": self.supplier_2.id})),
            ("month", lambda: statement.write({"date_from": self.before_from})),
            ("answer", lambda: line.write({"supplier_status": "confirmed"})),
            (
                "new line",
                lambda: (
                    self.env["boh.supplier.statement.line"]
                    .with_user(self.buyer)
                    .create({"statement_id": self.statement.id, "amount": 5.0})
                ),
            ),
        ):
            with self.subTest(attack=name), self.assertRaises(AccessError):
                with self.env.cr.savepoint():
                    attack()
            self.assertEqual(self._snapshot(self.statement), before)
        self.assertEqual(self.statement.partner_id, self.supplier_1)
        statement.write({"user_id": self.boh_admin.id})
        self.assertEqual(self.statement.user_id, self.boh_admin)
