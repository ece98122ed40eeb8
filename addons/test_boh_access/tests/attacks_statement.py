"""Attacks on the supplier statements (boh_supply_statement) over JSON-RPC
and the portal, run by TestFoodCostAttacks on its chain."""

from odoo.tools import mute_logger

from .rpc import CLEAR_ERRORS

STATEMENT = "boh.supplier.statement"
STATEMENT_LINE = "boh.supplier.statement.line"


class StatementAttacks:
    """The buyer or the supplier writing what only the buttons and the
    portal write; a supplier reading another supplier's statements; users
    reading another company's."""

    def _statement(self, partner, state="sent"):
        return self.statements.filtered(
            lambda s: s.partner_id == partner and s.state == state
        )[:1]

    def test_statement_workflow_fields(self):
        """The buyer or the supplier writes the statement's state, dates,
        balance or the supplier's answers directly, or calls the other
        side's buttons, instead of the buttons and the portal."""
        statement = self._statement(self.partner)
        self.assertTrue(statement, "the supplier has no sent statement")
        line = statement.line_ids[:1]
        fnames = ["state", "sent_date", "answer_date", "amount_opening"]
        line_fnames = ["supplier_status", "supplier_comment", "amount"]
        attacks = {
            "buyer": [
                (STATEMENT, "write", {"state": "confirmed"}),
                (STATEMENT, "write", {"answer_date": "2024-01-01 00:00:00"}),
                (STATEMENT, "write", {"sent_date": False}),
                (STATEMENT, "write", {"amount_opening": 999.0}),
                (STATEMENT, "write", {"date_from": "2024-01-01"}),
                (STATEMENT, "write", {"line_ids": [[2, line.id]]}),
                (STATEMENT_LINE, "write", {"supplier_status": "confirmed"}),
                (STATEMENT_LINE, "write", {"supplier_comment": "ok"}),
                (STATEMENT_LINE, "write", {"amount": 1.0}),
                (STATEMENT_LINE, "unlink", None),
                (STATEMENT, "_boh_supplier_confirm_all", None),
                (STATEMENT, "unlink", None),
            ],
            "supplier": [
                (STATEMENT, "write", {"state": "confirmed"}),
                (STATEMENT_LINE, "write", {"supplier_status": "disputed"}),
                (STATEMENT_LINE, "write", {"supplier_comment": "wrong"}),
                (STATEMENT, "action_send", None),
                (STATEMENT, "action_refresh", None),
                (STATEMENT, "action_reset_draft", None),
                (STATEMENT, "_boh_supplier_confirm_all", None),
                (STATEMENT, "_boh_supplier_answer", None),
                (STATEMENT, "unlink", None),
            ],
        }
        for role, calls in attacks.items():
            self._login(role)
            for model, method, vals in calls:
                record = statement if model == STATEMENT else line
                args = [record.ids] + ([vals] if vals is not None else [])
                with self.subTest(role=role, model=model, method=method, vals=vals):
                    before = self._snapshot(line, line_fnames)
                    self._unchanged(
                        statement,
                        fnames,
                        lambda m=model, me=method, a=args: self._refused(m, me, a),
                    )
                    self.assertEqual(self._snapshot(line, line_fnames), before)
                    self.assertTrue(line.exists())
                self.counts[f"statement workflow: {role}"] += 1

    # -- another supplier's statement ----------------------------------------------
    @mute_logger("odoo.http")
    def test_other_suppliers_statements(self):
        others = self.statements.filtered(lambda s: s.partner_id != self.partner)
        self.assertTrue(others, "the chain has one supplier only")
        hidden = others | self.draft_statement
        self.assertEqual(self.draft_statement.partner_id, self.partner)
        self._login("supplier")
        result, _error = self._call(
            STATEMENT, "search_read", [[["id", "in", hidden.ids]]], {"fields": ["id"]}
        )
        self.assertEqual(result, [])
        result, _error = self._call(
            STATEMENT_LINE,
            "search_read",
            [[["statement_id", "in", hidden.ids]]],
            {"fields": ["id"]},
        )
        self.assertEqual(result, [])
        for statement in hidden:
            with self.subTest(statement=statement.name):
                self._refused(STATEMENT, "read", [statement.ids, ["name"]])
                self._refused(STATEMENT_LINE, "read", [statement.line_ids.ids])
                messages = len(statement.message_ids)
                self._refused(
                    STATEMENT, "message_post", [statement.ids], {"body": "forged"}
                )
                self.assertEqual(len(statement.message_ids), messages)
                for suffix in ("", "/pdf", "/xlsx"):
                    response = self.url_open(f"/my/statements/{statement.id}{suffix}")
                    self.assertNotIn(statement.name, response.text)
                    self.assertFalse(
                        response.status_code == 200
                        and response.headers.get("Content-Type", "").startswith(
                            ("application/pdf", "application/vnd")
                        ),
                        f"{statement.name}{suffix} printed",
                    )
            self.counts["other supplier"] += 6
        # The control: its own sent statement.
        own = self._statement(self.partner)
        response = self.url_open(f"/my/statements/{own.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn(own.name, response.text)
        result, error = self._call(STATEMENT, "read", [own.ids, ["name"]])
        self.assertIsNone(error, self.error_message)

    def test_statements_of_another_company(self):
        """A buyer of one company reads no statement of another, nor its
        lines (prices and amounts owed)."""
        other = self.env["res.company"].create({"name": "Access Other Company"})
        month, month_end = self.statements[:1].date_from, self.statements[:1].date_to
        statement = (
            self.env[STATEMENT]
            .with_company(other)
            .create(
                {
                    "partner_id": self.partner.id,
                    "company_id": other.id,
                    "date_from": month,
                    "date_to": month_end,
                }
            )
        )
        line = (
            self.env[STATEMENT_LINE]
            ._boh_workflow()
            .create(
                {"statement_id": statement.id, "reference": "OTHER/1", "amount": 77.0}
            )
        )
        self.assertNotIn(other, self.users["buyer"].company_ids)
        for role in ("buyer", "executive", "supplier"):
            self._login(role)
            with self.subTest(role=role):
                for model, record in ((STATEMENT, statement), (STATEMENT_LINE, line)):
                    result, error = self._call(
                        model,
                        "search_read",
                        [[["id", "=", record.id]]],
                        {"fields": ["id"]},
                    )
                    self.assertIn(error, (None, *CLEAR_ERRORS))
                    self.assertFalse(result, f"{role} reads {model} of {other.name}")
                    self._refused(model, "read", [record.ids, ["id"]])
            self.counts["other company"] += 4
