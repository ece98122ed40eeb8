import datetime
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import BohScheduleCase

LATE = datetime.datetime(2030, 1, 7, 7, 0)  # Monday 15:00 Shanghai, past 14:00
TUESDAY = datetime.date(2030, 1, 8)
THURSDAY = datetime.date(2030, 1, 10)


class ScheduleCase(BohScheduleCase):
    def _count(self):
        return self.env["boh.store.order"].search_count(
            [("store_id", "=", self.store_a.id)]
        )

    def _late_order(self):
        return self._create_order(user=self.manager_a, delivery_date="2030-01-08")

    def _late_activities(self, order):
        activity_type = self.env.ref("boh_ordering.mail_activity_type_late_approval")
        return order.activity_ids.filtered(
            lambda a: a.activity_type_id == activity_type
        )


@tagged("post_install", "-at_install")
class TestScheduleFlows(ScheduleCase):
    """Delivery days of the schedule and late approvals, as real users."""

    # -- delivery days -----------------------------------------------------------
    def test_order_for_a_sunday_refused(self):
        before = self._count()
        with (
            self.assertRaisesRegex(
                ValidationError, r"not a delivery day.*next delivery date is 01/08/2030"
            ),
            self.env.cr.savepoint(),
        ):
            self._create_order(
                user=self.manager_a, generate=False, delivery_date="2030-01-06"
            )
        self.assertEqual(self._count(), before, "nothing created")

    def test_moving_an_order_to_a_sunday_refused(self):
        order = self._create_order(user=self.manager_a, delivery_date="2030-01-08")
        with (
            self.assertRaisesRegex(ValidationError, "next delivery date is 01/10"),
            self.env.cr.savepoint(),
        ):
            order.with_user(self.manager_a).delivery_date = "2030-01-09"
        order.invalidate_recordset()
        self.assertEqual(order.delivery_date, TUESDAY)

    def test_form_proposes_next_delivery_day(self):
        form = Form(self.env["boh.store.order"].with_user(self.manager_a))
        form.store_id = self.store_a
        form.source_type = "central_warehouse"
        form.source_store_id = self.cw
        with mute_logger("odoo.tests.form.onchange"):
            form.delivery_date = datetime.date(2030, 1, 6)
        self.assertEqual(form.delivery_date, TUESDAY)
        with mute_logger("odoo.tests.form.onchange"):
            form.delivery_date = datetime.date(2030, 1, 9)
        self.assertEqual(form.delivery_date, THURSDAY)
        order = form.save()
        self.assertEqual(order.delivery_date, THURSDAY)

    # -- late approval -----------------------------------------------------------
    def _wizard(self, user, order, action, reason):
        action = getattr(order.with_user(user), action)()
        wizard = (
            self.env[action["res_model"]]
            .with_user(user)
            .with_context(**action["context"])
            .create({"reason": reason})
        )
        return wizard.action_confirm()

    def test_request_then_approve_keeps_date(self):
        order = self._late_order()
        with patch.object(fields.Datetime, "now", return_value=LATE):
            order.invalidate_recordset(["is_late"])
            self._wizard(
                self.manager_a,
                order,
                "action_open_late_approval_request",
                "Truck broke down",
            )
            self.assertTrue(order.late_approval_requested)
            self.assertEqual(order.late_approval_reason, "Truck broke down")
            self.assertEqual(order.late_approval_requested_by_id, self.manager_a)
            self.assertEqual(order.late_approval_requested_date, LATE)
            self.assertEqual(order.state, "draft")
            activity = self._late_activities(order)
            self.assertEqual(activity.user_id, self.area_1)
            self.assertIn(
                "Truck broke down", order.message_ids[:1].body, "on the chatter"
            )
            order.with_user(self.area_1).action_submit_late()
        self.assertEqual(order.state, "submitted")
        self.assertEqual(order.delivery_date, TUESDAY)
        self.assertTrue(order.late_approved)
        self.assertFalse(order.late_approval_requested)
        self.assertFalse(self._late_activities(order), "the activity is done")

    def test_refuse_then_submit_moves_date(self):
        order = self._late_order()
        with patch.object(fields.Datetime, "now", return_value=LATE):
            order.invalidate_recordset(["is_late"])
            self._wizard(
                self.manager_a, order, "action_open_late_approval_request", "Late"
            )
            self._wizard(
                self.area_1,
                order,
                "action_open_late_approval_refuse",
                "Warehouse is full",
            )
            self.assertFalse(order.late_approval_requested)
            self.assertEqual(order.late_approval_refusal_reason, "Warehouse is full")
            self.assertFalse(self._late_activities(order))
            self.assertEqual(order.activity_ids.user_id, self.manager_a)
            order.with_user(self.manager_a).action_submit()
        self.assertEqual(order.delivery_date, THURSDAY, "the move is accepted")
        self.assertFalse(order.late_approved)

    def test_submit_with_pending_request_withdraws_it(self):
        order = self._late_order()
        with patch.object(fields.Datetime, "now", return_value=LATE):
            order.invalidate_recordset(["is_late"])
            self._wizard(
                self.manager_a, order, "action_open_late_approval_request", "Late"
            )
            order.with_user(self.manager_a).action_submit()
        self.assertEqual(order.delivery_date, THURSDAY)
        self.assertFalse(order.late_approval_requested)
        self.assertFalse(self._late_activities(order))

    def test_request_needs_reason_and_late_order(self):
        order = self._late_order()
        with self.assertRaisesRegex(UserError, "has not passed"):
            order.with_user(self.manager_a)._request_late_approval("Late")
        with patch.object(fields.Datetime, "now", return_value=LATE):
            order.invalidate_recordset(["is_late"])
            with self.assertRaisesRegex(UserError, "give the reason"):
                order.with_user(self.manager_a)._request_late_approval("   ")
        self.assertFalse(order.late_approval_requested)


@tagged("post_install", "-at_install")
class TestLateApprovalAttacks(ScheduleCase):
    """Who may not request, approve or refuse a late order; nothing changes."""

    FIELDS = (
        "late_approval_requested",
        "late_approval_reason",
        "late_approval_requested_by_id",
        "late_approval_refusal_reason",
        "late_approved",
        "state",
        "delivery_date",
    )

    def _snapshot(self, order):
        order.invalidate_recordset()
        return {f: order[f] for f in self.FIELDS}

    def test_request_refused_for_other_roles(self):
        order = self._late_order()
        before = self._snapshot(order)
        with patch.object(fields.Datetime, "now", return_value=LATE):
            order.invalidate_recordset(["is_late"])
            for user in (self.staff_a, self.manager_b, self.executive):
                with self.subTest(user=user.login), mute_logger("odoo.models"):
                    with self.assertRaises(AccessError):
                        order.with_user(user)._request_late_approval("Late")
        self.assertEqual(self._snapshot(order), before)
        self.assertFalse(self._late_activities(order))

    def test_direct_writes_refused(self):
        order = self._late_order()
        before = self._snapshot(order)
        for fname, value in (
            ("late_approval_requested", True),
            ("late_approval_reason", "forged"),
            ("late_approval_requested_by_id", self.area_1.id),
            ("late_approval_refusal_reason", "forged"),
        ):
            with self.subTest(field=fname):
                with self.assertRaises(AccessError):
                    order.with_user(self.manager_a).write({fname: value})
        self.assertEqual(self._snapshot(order), before)

    def test_store_manager_cannot_refuse_or_approve(self):
        order = self._late_order()
        with patch.object(fields.Datetime, "now", return_value=LATE):
            order.invalidate_recordset(["is_late"])
            order.with_user(self.manager_a)._request_late_approval("Late")
            before = self._snapshot(order)
            with self.assertRaises(AccessError):
                order.with_user(self.manager_a)._refuse_late_approval("No")
            with self.assertRaises(AccessError):
                order.with_user(self.manager_a).action_submit_late()
            with mute_logger("odoo.models"), self.assertRaises(AccessError):
                order.with_user(self.area_2)._refuse_late_approval("Other region")
        self.assertEqual(self._snapshot(order), before)
        self.assertEqual(len(self._late_activities(order)), 1)
