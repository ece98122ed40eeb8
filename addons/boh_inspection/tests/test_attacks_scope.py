"""Attacks on inspections outside the caller's reach (regions, workflow
fields, payloads, photo links): each asserts the refusal and that nothing
changed."""

import math

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import png_b64
from .common_attacks import REFUSED, AttackCase


@tagged("post_install", "-at_install")
class TestRegionScope(AttackCase):
    def _plan_values(self, **values):
        return dict({"name": "Monthly", "template_id": self.template.id}, **values)

    def test_plans_outside_own_regions_are_refused(self):
        Plan = self.env["boh.inspection.plan"].with_user(self.area_1)
        count = Plan.sudo().search_count([])
        self._refused(
            REFUSED,
            Plan.create,
            self._plan_values(region_id=self.region_2.id, auditor_id=self.area_1.id),
        )
        self._refused(
            REFUSED,
            Plan.create,
            self._plan_values(
                store_ids=[(6, 0, self.store_c.ids)], auditor_id=self.area_1.id
            ),
        )
        self._refused(
            ValidationError,
            Plan.create,
            self._plan_values(region_id=self.region_1.id, auditor_id=self.area_2.id),
        )
        self.assertEqual(Plan.sudo().search_count([]), count, "no plan created")
        plan = Plan.create(self._plan_values(region_id=self.region_1.id))
        self._refused(REFUSED, plan.write, {"region_id": self.region_2.id})
        self._refused(REFUSED, plan.write, {"store_ids": [(4, self.store_c.id)]})
        self._refused(REFUSED, plan.write, {"auditor_id": self.area_2.id})
        self.assertEqual(
            (plan.region_id, plan.store_ids, plan.auditor_id),
            (self.region_1, self.store_c.browse(), self.area_1),
        )
        # the daily job creates visits of the plan's stores only
        self.env["boh.inspection.plan"]._cron_generate_inspections()
        self.assertTrue(plan.inspection_ids)
        self.assertEqual(plan.inspection_ids.store_id.region_id, self.region_1)

    def test_visits_outside_own_regions_are_refused(self):
        Inspection = self.env["boh.inspection"].with_user(self.area_1)
        count = Inspection.sudo().search_count([])
        values = {"template_id": self.template.id, "store_id": self.store_c.id}
        self._refused(
            REFUSED, Inspection.create, dict(values, auditor_id=self.area_1.id)
        )
        self._refused(
            REFUSED,
            Inspection.create,
            dict(values, store_id=self.store_a.id, auditor_id=self.area_2.id),
        )
        self.assertEqual(Inspection.sudo().search_count([]), count)
        other = self.env["boh.inspection"].create(
            dict(values, auditor_id=self.area_2.id)
        )
        self._refused(AccessError, other.with_user(self.area_1).action_start, self.near)
        self._refused(
            AccessError,
            self.env["boh.inspection.answer"].with_user(self.area_1).action_save_answer,
            {"inspection_id": other.id, "item_id": self.menu.id, "value_choice": "yes"},
        )
        self._refused(
            AccessError, self.open_visit.with_user(self.area_2).action_start, self.near
        )
        self.assertEqual((other.state, self.open_visit.state), ("draft", "draft"))


@tagged("post_install", "-at_install")
class TestWorkflowFields(AttackCase):
    def test_inspection_fields(self):
        visit = self.open_visit.with_user(self.area_1)
        for values in (
            {"state": "signed"},
            {"score": 100.0},
            {"grade": "A"},
            {"passed": True},
            {"answer_hash": "0" * 64},
            {"signed_by": "Someone"},
            {"seal_broken": True},
            {"date_signed": "2025-01-01 10:00:00"},
            {"store_id": self.store_b.id},
            {"template_id": self.template.copy().id},
        ):
            with self.subTest(values=values):
                self._refused(AccessError, visit.write, values)
        self.assertEqual(
            (self.open_visit.state, self.open_visit.score, self.open_visit.store_id),
            ("draft", 0.0, self.store_a),
        )
        self._refused(
            AccessError,
            self.env["boh.inspection"].with_user(self.area_1).create,
            {
                "template_id": self.template.id,
                "store_id": self.store_a.id,
                "auditor_id": self.area_1.id,
                "state": "signed",
                "score": 100,
            },
        )
        answer = self.open_visit.answer_ids[:1].with_user(self.area_1)
        for values in ({"score": 1.0}, {"is_failed": True}, {"answered": True}):
            with self.subTest(values=values):
                self._refused(AccessError, answer.write, values)
        self.assertFalse(self.open_visit.answer_ids[:1].answered)

    def test_action_fields(self):
        staff = self.action.with_user(self.staff_a)
        self.action.with_user(self.manager_a).write({"evidence_note": "fixed"})
        for user in (self.staff_a, self.manager_a):
            for values in (
                {"state": "done"},
                {"verified_by_id": self.area_1.id},
                {"state": "done", "verified_by_id": self.area_1.id},
                {"date_done": "2025-01-01 10:00:00"},
                {"escalation_level": 3},
                {"store_id": self.store_b.id},
                {"inspection_id": self.open_visit.id},
            ):
                with self.subTest(user=user.login, values=values):
                    self._refused(
                        AccessError, self.action.with_user(user).write, values
                    )
        self.assertEqual(self.action.state, "open")
        self.assertFalse(self.action.verified_by_id)
        self.assertEqual(self.action.store_id, self.store_a)
        self.assertEqual(self.signed.store_id, self.store_a)
        self._refused(
            AccessError,
            self.env["boh.inspection.action"].with_user(self.area_1).create,
            {
                "name": "Done already",
                "inspection_id": self.signed.id,
                "due_date": "2025-01-01",
                "state": "done",
                "verified_by_id": self.area_1.id,
            },
        )
        # the steps still work, each checking its caller
        staff.action_submit_evidence()
        self._refused(AccessError, staff.action_accept)
        self._refused(AccessError, self.action.with_user(self.area_2).action_accept)
        self.assertEqual(self.action.state, "submitted")
        self.action.with_user(self.area_1).action_accept()
        self.assertEqual(
            (self.action.state, self.action.verified_by_id), ("done", self.area_1)
        )

    def test_rpc_methods_check_the_caller(self):
        for user in (self.manager_a, self.staff_a, self.area_2, self.executive):
            visit = self.open_visit.with_user(user)
            with self.subTest(user=user.login):
                self._refused(AccessError, visit.action_start, self.near)
                self._refused(AccessError, visit.action_cancel)
                self._refused(
                    AccessError, visit.action_sign, self.signature, "X", self.near
                )
                answer = self.open_visit.answer_ids[:1].with_user(user)
                self._refused(AccessError, answer.action_add_photo, "x.png", png_b64())
        self._refused(
            AccessError,
            self.hands_answer.with_user(self.manager_a).action_create_corrective_action,
        )
        self.assertEqual(self.open_visit.state, "draft")
        self.assertEqual(len(self.signed.action_ids), 1)


@tagged("post_install", "-at_install")
class TestBadPayloads(AttackCase):
    def _payload(self, **values):
        return dict(
            {
                "inspection_id": self.open_visit.id,
                "item_id": self.clean.id,
                "value_number": 3,
            },
            **values,
        )

    def test_bad_values_are_refused_and_nothing_is_written(self):
        Answer = self.env["boh.inspection.answer"].with_user(self.area_1)
        answer = self._answer(self.open_visit, self.clean)
        cases = [
            (self._payload(client_time=1e20), "Client Time"),
            (self._payload(client_time="soon"), "Client Time"),
            (self._payload(client_time=math.nan), "Client Time"),
            (
                self._payload(item_id=self.greeting.id, option_ids=["x"]),
                "Options",
            ),
            (self._payload(item_id=self.greeting.id, option_ids="x"), "Options"),
            (self._payload(inspection_id="abc"), "Inspection"),
            (self._payload(inspection_id=1.5), "Inspection"),
            (self._payload(item_id=None), "Item"),
            (self._payload(value_number=math.nan), "Value"),
            (self._payload(value_number=math.inf), "Value"),
            (self._payload(value_number=-math.inf), "Value"),
            (self._payload(value_number="nan"), "Value"),
            (self._payload(value_number=[1]), "Value"),
            (self._payload(item_id=self.fridge.id, value_number=1e300), "Value"),
            (self._payload(note=["x"]), "Note"),
            (self._payload(item_id=self.followup.id, value_text={"a": 1}), "Text"),
        ]
        for vals, field in cases:
            with self.subTest(vals=vals):
                error = self._refused(ValidationError, Answer.action_save_answer, vals)
                self.assertIn(field, str(error))
        error = self._refused(ValidationError, Answer.action_save_answer, ["x"])
        self.assertIn("set of values", str(error))
        self.assertFalse(answer.answered)
        self.assertEqual(answer.value_number, 0.0)
        self.assertEqual(self.open_visit.state, "draft", "the visit did not start")
        self.assertFalse(self.open_visit.answer_ids.filtered("answered"))
        # other phone entry points
        visit = self.open_visit.with_user(self.area_1)
        for position in (
            {"latitude": math.nan, "longitude": 0},
            {"latitude": 0, "longitude": "east"},
            {"latitude": 0, "longitude": 0, "accuracy": math.inf},
            "here",
        ):
            with self.subTest(position=position):
                self._refused(ValidationError, visit.action_start, position)
        self.assertEqual(self.open_visit.state, "draft")
        self._refused(
            ValidationError,
            answer.with_user(self.area_1).action_remove_photo,
            "abc",
        )
        self._refused(
            ValidationError,
            answer.with_user(self.area_1).action_add_photo,
            ["x"],
            png_b64(),
        )
        self._refused(UserError, answer.with_user(self.area_1).action_add_photo, "x", 5)
        self.assertFalse(answer.photo_count)


@tagged("post_install", "-at_install")
class TestPhotoLinks(AttackCase):
    def test_other_store_photo_cannot_be_linked(self):
        visit_b = self.env["boh.inspection"].create(
            {
                "template_id": self.template.id,
                "store_id": self.store_b.id,
                "auditor_id": self.area_1.id,
            }
        )
        action_b = self.env["boh.inspection.action"].create(
            {
                "name": "Fix it",
                "inspection_id": visit_b.id,
                "assignee_id": self.manager_b.id,
                "due_date": "2030-01-01",
            }
        )
        self._refused(AccessError, self.photo.with_user(self.manager_b).read, ["raw"])
        as_b = action_b.with_user(self.manager_b)
        self._refused(
            AccessError, as_b.write, {"evidence_attachment_ids": [(4, self.photo.id)]}
        )
        self._refused(
            AccessError,
            as_b.write,
            {"evidence_attachment_ids": [(6, 0, self.photo.ids)]},
        )
        self.assertFalse(action_b.evidence_attachment_ids)
        # moving the photo itself is refused too (signed visit, no access)
        self._refused(
            REFUSED,
            self.photo.with_user(self.manager_b).write,
            {"res_model": "boh.inspection.action", "res_id": action_b.id},
        )
        self.assertEqual(self.photo.res_model, "boh.inspection.answer")
        # the photos of one's own store can be linked (positive control)
        self.action.with_user(self.manager_a).write(
            {"evidence_attachment_ids": [(4, self.photo.id)]}
        )
        self.assertEqual(self.action.evidence_attachment_ids, self.photo)
