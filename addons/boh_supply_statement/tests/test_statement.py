from datetime import datetime, time, timedelta
from unittest.mock import patch

from psycopg2 import IntegrityError

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from ..services.statement_lines import statement_lines
from .common import StatementCase


@tagged("post_install", "-at_install")
class TestStatementFigures(StatementCase):
    """The statement of a month computed by hand (see common.py)."""

    def test_goods_lines_and_differences(self):
        statement, _other = self._generate()
        self.assertEqual(statement.state, "draft")
        self.assertEqual(statement.user_id, self.buyer, "the orders' buyer")
        expected = {
            # pol: (received, billed, order price, bill price, type, difference)
            self.pol_flour: (10, 10, 10.0, 10.0, "ok", 0.0),
            self.pol_sugar: (5, 0, 4.0, 0.0, "received_not_billed", -20.0),
            self.pol_oil: (0, 2, 6.0, 6.0, "billed_not_received", 12.0),
            self.pol_rice: (4, 4, 5.0, 5.5, "price_difference", 2.0),
        }
        for pol, (
            received,
            billed,
            po_price,
            bill_price,
            kind,
            diff,
        ) in expected.items():
            with self.subTest(product=pol.product_id.name):
                line = self._goods(statement, pol)
                self.assertEqual(len(line), 1)
                self.assertEqual(line.line_type, "goods")
                self.assertEqual(line.qty_ordered, pol.product_qty)
                self.assertAlmostEqual(line.qty_received, received)
                self.assertAlmostEqual(line.qty_billed, billed)
                self.assertAlmostEqual(line.price_unit_po, po_price)
                self.assertAlmostEqual(line.price_unit_bill, bill_price)
                self.assertEqual(line.difference_type, kind)
                self.assertAlmostEqual(line.difference_amount, diff)
                self.assertIn(self.po_a.name, line.reference)
                self.assertEqual(line.supplier_status, "pending")
        self.assertIn(self.bill.name, self._goods(statement, self.pol_rice).reference)
        self.assertIn(
            self.po_a.picking_ids[:1].name,
            self._goods(statement, self.pol_sugar).reference,
        )

    def test_documents_and_totals(self):
        statement, _other = self._generate()
        documents = statement.line_ids.filtered(lambda line: line.line_type != "goods")
        self.assertEqual(
            [(line.line_type, line.amount) for line in documents],
            [("bill", 134.0), ("credit_note", -10.0), ("payment", -50.0)],
        )
        self.assertEqual(documents[0].move_id, self.bill)
        self.assertEqual(documents[1].move_id, self.credit_note)
        self.assertEqual(documents[2].payment_id, self.payment)
        self.assertNotIn(self.old_bill, statement.line_ids.move_id, "last month's")
        for field, value in (
            ("amount_opening", 30.0),
            ("amount_billed", 134.0),
            ("amount_credited", 10.0),
            ("amount_paid", 50.0),
            ("amount_balance", 104.0),
            ("amount_received", 140.0),
            ("amount_ordered", 188.0),
            ("diff_received_not_billed", 20.0),
            ("diff_billed_not_received", 12.0),
            ("diff_price", 2.0),
            ("difference_count", 3),
        ):
            with self.subTest(field=field):
                self.assertAlmostEqual(statement[field], value)

    def test_other_supplier_and_draft_documents(self):
        """Supplier 2's statement holds its own receipt only; draft bills
        and cancelled payments are not on any statement."""
        draft = self.bill.copy({"invoice_date": self.date_from + timedelta(days=2)})
        self.assertEqual(draft.state, "draft")
        statement, other = self._generate()
        self.assertEqual(len(other.line_ids), 1)
        line = other.line_ids
        self.assertEqual(line.purchase_line_id, self.pol_b)
        self.assertEqual(
            (line.qty_received, line.qty_billed, line.difference_type),
            (7.0, 0.0, "received_not_billed"),
        )
        self.assertAlmostEqual(other.diff_received_not_billed, 77.0)
        self.assertAlmostEqual(other.amount_balance, 0.0)
        self.assertNotIn(draft, statement.line_ids.move_id)

    def test_return_to_supplier(self):
        """Goods sent back to the supplier in the month are not received."""
        picking = self.po_a.picking_ids.filtered(lambda p: p.state == "done")
        wizard = (
            self.env["stock.return.picking"]
            .with_context(active_id=picking.id, active_model="stock.picking")
            .create({})
        )
        wizard.product_return_moves.filtered(
            lambda r: r.product_id == self.product
        ).quantity = 3
        wizard.product_return_moves.filtered(
            lambda r: r.product_id != self.product
        ).quantity = 0
        returned = wizard._create_return()
        returned.move_ids.picked = True
        returned._action_done()
        returned.move_ids.date = self.date_from + timedelta(days=16)
        statement, _other = self._generate()
        flour = self._goods(statement, self.pol_flour)
        self.assertAlmostEqual(flour.qty_received, 7.0)
        self.assertEqual(flour.difference_type, "billed_not_received")
        self.assertAlmostEqual(flour.difference_amount, 30.0)

    def test_generate_once_per_month(self):
        statement, other = self._generate()
        again = self.env["boh.supplier.statement"]._boh_generate(self.date_from)
        self.assertFalse(again, "every supplier already has its statement")
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.env.cr.savepoint():
                self.env["boh.supplier.statement"].create(
                    {
                        "partner_id": self.supplier_1.id,
                        "date_from": self.date_from,
                        "date_to": self.date_to,
                    }
                )
        self.assertTrue(statement.name.startswith("ST/"))
        self.assertNotEqual(statement.name, other.name)

    def test_one_calendar_month(self):
        for date_from, date_to in (
            (self.date_from + timedelta(days=1), self.date_to),
            (self.date_from, self.date_to - timedelta(days=1)),
            (self.before_from, self.date_to),
        ):
            with self.subTest(date_from=date_from, date_to=date_to):
                with self.assertRaises(ValidationError) as error:
                    self.env["boh.supplier.statement"].create(
                        {
                            "partner_id": self.supplier_1.id,
                            "date_from": date_from,
                            "date_to": date_to,
                        }
                    )
                self.assertIn("From, To", str(error.exception))

    def test_refresh_after_a_new_bill(self):
        statement, _other = self._generate()
        self._bill("in_invoice", self.date_to, [(self.pol_sugar, 5, 4.0)])
        statement.with_user(self.buyer).action_refresh()
        sugar = self._goods(statement, self.pol_sugar)
        self.assertEqual(sugar.difference_type, "ok")
        self.assertAlmostEqual(statement.amount_billed, 154.0)
        self.assertAlmostEqual(statement.diff_received_not_billed, 0.0)
        statement.with_user(self.buyer).action_send()
        with self.assertRaises(UserError):
            statement.with_user(self.buyer).action_refresh()

    def test_send_notifies_supplier_without_emails(self):
        """The buyer has no email address, nor has the supplier's contact:
        sending works, the supplier and its portal users are told."""
        self.contact_1.email = False
        self.assertFalse(self.buyer.email)
        statement, _other = self._generate()
        statement.with_user(self.buyer).action_send()
        self.assertEqual(statement.state, "sent")
        self.assertTrue(statement.sent_date)
        message = statement.message_ids[:1]
        self.assertIn(statement.name, str(message.body))
        self.assertIn(self.supplier_1, message.partner_ids)
        self.assertIn(self.portal_1.partner_id, message.partner_ids)
        self.assertEqual(message.author_id, self.buyer.partner_id)
        self.assertIn(self.portal_1.partner_id, statement.message_partner_ids)
        with self.assertRaises(UserError):
            statement.with_user(self.buyer).action_send()

    def test_cron_drafts_last_month(self):
        Statement = self.env["boh.supplier.statement"]
        today = self.date_to + timedelta(days=3)
        with patch.object(fields.Date, "context_today", return_value=today):
            Statement._cron_generate_last_month()
        statements = Statement.search([("date_from", "=", self.date_from)])
        self.assertEqual(
            set(statements.mapped("partner_id").ids),
            {self.supplier_1.id, self.supplier_2.id},
        )
        self.assertEqual(set(statements.mapped("state")), {"draft"})

    def test_unlink_only_drafts(self):
        statement, other = self._generate()
        statement.action_send()
        with self.assertRaises(UserError):
            statement.with_user(self.buyer).unlink()
        other.with_user(self.buyer).unlink()
        self.assertTrue(statement.exists())
        self.assertFalse(other.exists())


@tagged("post_install", "-at_install")
class TestStatementQueries(StatementCase):
    """The lines are read for the whole month at once: more order lines,
    receipts and bills do not mean more queries."""

    def _queries(self):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        lines = statement_lines(
            self.env, self.env.company, self.date_from, self.date_to, "Asia/Shanghai"
        )
        return self.env.cr.sql_log_count - before, sum(map(len, lines.values()))

    def test_queries_do_not_grow_with_lines(self):
        queries, count = self._queries()
        products = self.env["product.product"].create(
            [{"name": f"Statement Extra {i}", "is_storable": True} for i in range(8)]
        )
        for supplier in (self.supplier_1, self.supplier_2):
            order = self._make_po(supplier, [(p, 3, 2.0) for p in products])
            order.button_confirm()
            self._receive(
                order, {}, datetime.combine(self.date_from + timedelta(days=3), time(4))
            )
            self._bill(
                "in_invoice",
                self.date_from + timedelta(days=5),
                [(pol, 3, 2.5) for pol in order.order_line],
                partner=supplier,
            )
        more_queries, more = self._queries()
        self.assertEqual(more, count + 18, "16 goods lines and 2 bills more")
        self.assertLessEqual(more_queries, queries + 2, (queries, more_queries))
