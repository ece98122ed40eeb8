from datetime import date, timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.boh_base.tests.common import make_user

from .common import InspectionCase


@tagged("post_install", "-at_install")
class TestCorrectiveAction(InspectionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.head = make_user(
            cls.env, "boh_region_head", "boh_base.group_boh_area_manager"
        )
        cls.region_1.head_id = cls.head

    def _failed_visit(self):
        with freeze_time("2025-03-03 09:00:00"):
            inspection = self._inspection()
            self._answer_all(inspection, hands="fail")
            self._sign(inspection)
        return inspection.action_ids

    def _activity_users(self, action):
        return action.activity_ids.user_id

    def test_due_date_from_severity(self):
        action = self._failed_visit()
        self.assertEqual(action.severity, "high")
        self.assertEqual(action.due_date, date(2025, 3, 6))
        self.env["ir.config_parameter"].set_param("boh_inspection.due_days_high", "10")
        self.assertEqual(self.hands._get_due_days(), 10)

    def test_overdue_actions_escalate_step_by_step(self):
        action = self._failed_visit()
        Action = self.env["boh.inspection.action"]
        with freeze_time("2025-03-06"):
            Action._cron_escalate_overdue()
            self.assertEqual(action.escalation_level, 0, "not late on the due day")
            self.assertFalse(action.is_overdue)
        with freeze_time("2025-03-07"):
            action.invalidate_recordset(["is_overdue"])
            self.assertTrue(action.is_overdue)
            self.assertIn(action, Action.search([("is_overdue", "=", True)]))
            Action._cron_escalate_overdue()
            self.assertEqual(action.escalation_level, 1)
            self.assertEqual(self._activity_users(action), self.manager_a)
            Action._cron_escalate_overdue()
            self.assertEqual(len(action.activity_ids), 1, "once per level")
        with freeze_time("2025-03-10"):
            Action._cron_escalate_overdue()
            self.assertEqual(action.escalation_level, 2)
            self.assertEqual(self._activity_users(action), self.manager_a | self.area_1)
        with freeze_time("2025-03-14"):
            Action._cron_escalate_overdue()
            self.assertEqual(action.escalation_level, 3)
            self.assertEqual(
                self._activity_users(action), self.manager_a | self.area_1 | self.head
            )

    def test_closed_actions_do_not_escalate(self):
        action = self._failed_visit()
        action.with_user(self.manager_a).write({"evidence_note": "Soap bought"})
        action.with_user(self.manager_a).action_submit_evidence()
        with freeze_time("2025-04-30"):
            self.env["boh.inspection.action"]._cron_escalate_overdue()
        self.assertEqual(action.escalation_level, 0)

    def test_evidence_and_verification(self):
        action = self._failed_visit()
        as_manager = action.with_user(self.manager_a)
        with self.assertRaisesRegex(UserError, "evidence"):
            as_manager.action_submit_evidence()
        as_manager.write({"evidence_note": "Soap dispenser refilled"})
        as_manager.action_submit_evidence()
        self.assertEqual(action.state, "submitted")
        self.assertIn(
            self.area_1, action.activity_ids.user_id, "auditor asked to verify"
        )
        with self.assertRaises(AccessError):
            as_manager.action_accept()
        action.with_user(self.area_1).action_reject("Photo needed")
        self.assertEqual(action.state, "open")
        self.assertEqual(action.rejection_reason, "Photo needed")
        as_manager.action_submit_evidence()
        # accepted two and a half days after the action was created
        accepted_at = action.create_date + timedelta(days=2, hours=12)
        with freeze_time(accepted_at):
            action.with_user(self.area_1).action_accept()
        self.assertEqual(action.state, "done")
        self.assertEqual(action.completion_rate, 100)
        self.assertEqual(action.verified_by_id, self.area_1)
        self.assertEqual(action.date_done, accepted_at.replace(microsecond=0))
        self.assertAlmostEqual(action.days_to_close, 2.5, places=4)
        with self.assertRaisesRegex(UserError, "no evidence"):
            action.with_user(self.area_1).action_accept()
