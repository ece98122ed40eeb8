from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import StatementCase


@tagged("post_install", "-at_install")
class TestSupplierAnswers(StatementCase):
    """The supplier's answers, as the portal controller hands them to the
    model (in sudo, after checking the supplier)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.statement, cls.other = cls._generate()
        (cls.statement | cls.other).with_user(cls.buyer).action_send()
        # A second statement of supplier 1: the month before (its old bill).
        cls.earlier = cls.env["boh.supplier.statement"]._boh_generate(cls.before_from)
        cls.earlier.action_send()
        cls.sugar_line = cls._goods(cls.statement, cls.pol_sugar)
        cls.rice_line = cls._goods(cls.statement, cls.pol_rice)

    def test_confirm_whole_statement_twice(self):
        supplier = self._as_supplier(self.statement)
        self.assertTrue(supplier._boh_supplier_confirm_all())
        self.assertEqual(self.statement.state, "confirmed")
        self.assertEqual(
            set(self.statement.line_ids.mapped("supplier_status")), {"confirmed"}
        )
        message = self.statement.message_ids[:1]
        self.assertEqual(message.author_id, self.portal_1.partner_id)
        self.assertIn("confirmed", str(message.body))
        before = self._snapshot(self.statement)
        self.assertFalse(supplier._boh_supplier_confirm_all(), "posted twice")
        self.assertEqual(self._snapshot(self.statement), before)

    def test_confirm_one_dispute_another(self):
        supplier = self._as_supplier(self.statement)
        done = supplier._boh_supplier_answer(
            [
                (str(self.sugar_line.id), "confirmed", ""),
                (self.rice_line.id, "disputed", "We agreed 5.50 on the phone"),
            ]
        )
        self.assertTrue(done)
        self.assertEqual(self.sugar_line.supplier_status, "confirmed")
        self.assertEqual(self.rice_line.supplier_status, "disputed")
        self.assertEqual(self.rice_line.supplier_comment, "We agreed 5.50 on the phone")
        self.assertEqual(self.statement.state, "disputed")
        self.assertEqual(self.statement.disputed_count, 1)
        activity = self.statement.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.buyer)
        note = str(activity.note)
        for part in (
            self.statement.name,
            self.rice_line.display_name,
            "We agreed 5.50 on the phone",
            self.supplier_1.name,
        ):
            self.assertIn(part, note)
        # The same answers posted again change nothing.
        before = self._snapshot(self.statement)
        self.assertFalse(
            supplier._boh_supplier_answer(
                [
                    (str(self.sugar_line.id), "confirmed", ""),
                    (self.rice_line.id, "disputed", "We agreed 5.50 on the phone"),
                ]
            )
        )
        self.assertEqual(self._snapshot(self.statement), before)

    def test_every_line_confirmed_confirms(self):
        supplier = self._as_supplier(self.other)
        supplier._boh_supplier_answer([(self.other.line_ids.id, "confirmed", "")])
        self.assertEqual(self.other.state, "confirmed")

    def test_partial_answers_keep_it_sent(self):
        supplier = self._as_supplier(self.statement)
        supplier._boh_supplier_answer([(self.sugar_line.id, "confirmed", "ok")])
        self.assertEqual(self.statement.state, "sent")
        self.assertFalse(self.statement.activity_ids)

    def test_dispute_without_buyer_goes_to_creator(self):
        self.statement.user_id = False
        self._as_supplier(self.statement)._boh_supplier_answer(
            [(self.rice_line.id, "disputed", "Wrong price")]
        )
        self.assertEqual(self.statement.activity_ids.user_id, self.statement.create_uid)

    def test_bad_answers_write_nothing(self):
        """Each refused with the statement and the field named; the valid
        answer given before the bad one is not written either."""
        other_line = self.other.line_ids[:1]
        earlier_line = self.earlier.line_ids[:1]
        self.assertTrue(other_line and earlier_line)
        good = (self.sugar_line.id, "confirmed", "")
        cases = [
            ([good, (999999999, "confirmed", "")], "is not a line of this statement"),
            ([good, (other_line.id, "confirmed", "")], "is not a line of this"),
            ([good, (earlier_line.id, "confirmed", "")], "is not a line of this"),
            ([good, ("abc", "confirmed", "")], "must be the id of a record"),
            ([good, ("99999999999", "confirmed", "")], "must be the id of a record"),
            ([good, (self.rice_line.id, "disputed", "x" * 2001)], "at most 2000"),
            ([good, (self.rice_line.id, "disputed", "  ")], "say why you dispute"),
            ([good, (self.rice_line.id, "accepted", "")], "choose Confirmed or"),
            ([], "choose at least one line"),
        ]
        before = self._snapshot(self.statement, self.other, self.earlier)
        supplier = self._as_supplier(self.statement)
        for answers, message in cases:
            with self.subTest(message=message, answers=str(answers)[:80]):
                with self.assertRaises(UserError) as error:
                    supplier._boh_supplier_answer(answers)
                text = str(error.exception)
                self.assertIn(message, text)
                self.assertIn(self.statement.name, text)
                self.assertEqual(
                    self._snapshot(self.statement, self.other, self.earlier), before
                )
        # 2000 characters are accepted.
        supplier._boh_supplier_answer([(self.rice_line.id, "disputed", "y" * 2000)])
        self.assertEqual(len(self.rice_line.supplier_comment), 2000)

    def test_only_while_sent(self):
        self._as_supplier(self.other)._boh_supplier_confirm_all()
        self.statement.with_user(self.buyer).action_reset_draft()
        for statement, state in ((self.statement, "Draft"), (self.other, "Confirmed")):
            line = statement.line_ids[:1]
            before = self._snapshot(statement)
            with self.subTest(state=state):
                with self.assertRaises(UserError) as error:
                    self._as_supplier(statement)._boh_supplier_answer(
                        [(line.id, "disputed", "too late")]
                    )
                self.assertIn(statement.name, str(error.exception))
                self.assertIn(state, str(error.exception))
                self.assertIn("Supplier Status", str(error.exception))
                self.assertEqual(self._snapshot(statement), before)
        with self.assertRaises(UserError):
            self._as_supplier(self.statement)._boh_supplier_confirm_all()
        self.assertEqual(self.statement.state, "draft")

    def test_buyer_resolves_and_sends_again(self):
        supplier = self._as_supplier(self.statement)
        supplier._boh_supplier_answer(
            [
                (self.sugar_line.id, "confirmed", ""),
                (self.rice_line.id, "disputed", "Price is 5.50"),
            ]
        )
        buyer_statement = self.statement.with_user(self.buyer)
        buyer_statement.message_post(body="Agreed, the order price was wrong.")
        buyer_statement.action_send()
        self.assertEqual(self.statement.state, "sent")
        self.assertEqual(self.rice_line.supplier_status, "pending")
        self.assertEqual(self.sugar_line.supplier_status, "confirmed")
        self.assertIn("again", str(self.statement.message_ids[:1].body))
        supplier._boh_supplier_confirm_all()
        self.assertEqual(self.statement.state, "confirmed")
        # Or back to draft, read again after correcting, and send.
        self.other.with_user(self.buyer).action_reset_draft()
        self.assertEqual(self.other.state, "draft")
        self.other.with_user(self.buyer).action_refresh()
        self.other.with_user(self.buyer).action_send()
        self.assertEqual(self.other.state, "sent")

    def test_nobody_has_an_email_address(self):
        """Neither the supplier's contact nor the buyer has an email address:
        answering, the dispute's activity and sending again still work."""
        self.contact_1.email = False
        self.supplier_1.email = False
        self.assertFalse(self.buyer.email)
        supplier = self._as_supplier(self.statement)
        supplier._boh_supplier_answer([(self.rice_line.id, "disputed", "Too dear")])
        self.assertEqual(self.statement.message_ids[:1].author_id, self.contact_1)
        self.assertEqual(self.statement.activity_ids.user_id, self.buyer)
        self.statement.with_user(self.buyer).action_send()
        supplier._boh_supplier_confirm_all()
        self.assertEqual(self.statement.state, "confirmed")
