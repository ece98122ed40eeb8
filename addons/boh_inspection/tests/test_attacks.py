"""Attacks on inspections: each asserts the refusal and that nothing changed."""

import math

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import InspectionCase, png_b64, png_bytes

# AccessError is a UserError: either refusal (access or lock) counts.
REFUSED = UserError


class AttackCase(InspectionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, boh_inspection_no_report=True))
        visit = (
            cls.env["boh.inspection"]
            .with_user(cls.area_1)
            .create(
                {
                    "template_id": cls.template.id,
                    "store_id": cls.store_a.id,
                    "auditor_id": cls.area_1.id,
                }
            )
        )
        Answer = cls.env["boh.inspection.answer"].with_user(cls.area_1)

        def save(item, **vals):
            Answer.action_save_answer(
                dict(vals, inspection_id=visit.id, item_id=item.id)
            )

        save(cls.fridge, value_number=3.0)
        save(cls.hands, value_choice="fail", note="no soap")
        save(cls.clean, value_number=4)
        save(cls.greeting, option_ids=[cls.warm.id])
        save(cls.menu, value_choice="yes")
        cls.hands_answer = visit.answer_ids.filtered(lambda a: a.item_id == cls.hands)
        cls.menu_answer = visit.answer_ids.filtered(lambda a: a.item_id == cls.menu)
        cls.photo = cls.env["ir.attachment"].browse(
            cls.hands_answer.with_user(cls.area_1).action_add_photo(
                "hands.png", png_b64()
            )["id"]
        )
        visit.action_sign(
            signature=cls.signature, signed_by="Tour Manager A", position=cls.near
        )
        cls.signed = visit.with_env(cls.env)
        cls.action = cls.signed.action_ids
        cls.open_visit = cls.env["boh.inspection"].create(
            {
                "template_id": cls.template.id,
                "store_id": cls.store_a.id,
                "auditor_id": cls.area_1.id,
            }
        )

    def _refused(self, exceptions, func, *args, **kwargs):
        """Run an attack in a savepoint; it must be refused."""
        with self.assertRaises(exceptions) as caught, self.env.cr.savepoint():
            func(*args, **kwargs)
        self.env.invalidate_all()
        return caught.exception

    def _snapshot(self, inspection=None):
        inspection = inspection or self.signed
        self.env.invalidate_all()
        return (
            inspection._compute_answer_hash(),
            inspection.state,
            len(inspection.answer_ids),
            len(inspection.section_score_ids),
        )


@tagged("post_install", "-at_install")
class TestSignedVisitLocked(AttackCase):
    """Nothing of a signed visit is created, changed or deleted."""

    def setUp(self):
        super().setUp()
        self.assertEqual(self.signed.state, "signed")
        self.before = self._snapshot()

    def tearDown(self):
        self.assertEqual(self._snapshot(), self.before, "the signed visit changed")
        self.assertTrue(self.signed.check_integrity())
        super().tearDown()

    def test_answers(self):
        answer = self.menu_answer
        as_auditor = answer.with_user(self.area_1)
        self._refused(UserError, as_auditor.write, {"note": "changed later"})
        self._refused(REFUSED, as_auditor.write, {"value_choice": "no"})
        error = self._refused(UserError, answer.write, {"note": "changed by root"})
        self.assertIn("locked", str(error))
        self._refused(
            REFUSED,
            self.env["boh.inspection.answer"].with_user(self.area_1).create,
            {"inspection_id": self.signed.id, "item_id": self.followup.id},
        )
        self._refused(
            UserError,
            self.env["boh.inspection.answer"].create,
            {"inspection_id": self.signed.id, "item_id": self.followup.id},
        )
        self._refused(UserError, answer.unlink)
        self._refused(
            UserError,
            self.env["boh.inspection.answer"].with_user(self.area_1).action_save_answer,
            {
                "inspection_id": self.signed.id,
                "item_id": self.menu.id,
                "value_choice": "no",
            },
        )
        # an answer of an open visit moved into the signed one
        other = self.open_visit.answer_ids[:1]
        self._refused(REFUSED, other.write, {"inspection_id": self.signed.id})

    def test_section_scores(self):
        Score = self.env["boh.inspection.section.score"]
        values = {
            "inspection_id": self.signed.id,
            "section_id": self.fridge.section_id.id,
            "score": 100.0,
        }
        # area managers only read them: the sign-off writes them
        self._refused(REFUSED, Score.with_user(self.area_1).create, values)
        error = self._refused(UserError, Score.create, values)
        self.assertIn("locked", str(error))
        score = self.signed.section_score_ids[:1]
        self._refused(REFUSED, score.with_user(self.area_1).write, {"score": 100})
        self._refused(UserError, score.write, {"score": 100})
        self._refused(REFUSED, score.with_user(self.area_1).unlink)
        self._refused(UserError, score.unlink)

    def test_photos_and_signatures(self):
        Attachment = self.env["ir.attachment"]
        self._refused(
            UserError,
            Attachment.create,
            {
                "name": "late.png",
                "raw": png_bytes(),
                "res_model": "boh.inspection.answer",
                "res_id": self.hands_answer.id,
            },
        )
        self._refused(
            REFUSED,
            self.hands_answer.with_user(self.area_1).action_add_photo,
            "late.png",
            png_b64(),
        )
        self._refused(UserError, self.photo.write, {"raw": png_bytes(color=(0, 0, 0))})
        self._refused(UserError, self.photo.unlink)
        self._refused(
            REFUSED,
            self.hands_answer.with_user(self.area_1).action_remove_photo,
            self.photo.id,
        )
        signature = Attachment.search(
            [
                ("res_model", "=", "boh.inspection"),
                ("res_id", "=", self.signed.id),
                ("res_field", "=", "signature"),
            ]
        )
        self.assertTrue(signature)
        self._refused(UserError, signature.unlink)
        self._refused(UserError, signature.write, {"raw": png_bytes()})
        # a free file moved onto an answer of the signed visit
        loose = Attachment.create({"name": "loose.png", "raw": png_bytes()})
        self._refused(
            UserError,
            loose.write,
            {"res_model": "boh.inspection.answer", "res_id": self.menu_answer.id},
        )

    def test_inspection_and_actions_origin(self):
        self._refused(UserError, self.signed.write, {"score": 100})
        self._refused(REFUSED, self.signed.with_user(self.area_1).write, {"note": "x"})
        self._refused(
            REFUSED,
            self.signed.with_user(self.area_1).write,
            {"signature": png_b64()},
        )
        self._refused(UserError, self.signed.sudo().unlink)
        action = self.action.with_user(self.area_1)
        self._refused(AccessError, action.write, {"inspection_id": self.open_visit.id})
        self._refused(
            AccessError, action.write, {"answer_id": self.open_visit.answer_ids[0].id}
        )
        self.assertEqual(self.action.inspection_id, self.signed)
        self.assertEqual(self.action.answer_id, self.hands_answer)

    def test_admin_override_is_the_only_way(self):
        answer = self.menu_answer.with_context(boh_inspection_override="typo")
        self._refused(AccessError, answer.with_user(self.area_1).write, {"note": "x"})
        self._refused(
            AccessError, answer.with_user(self.manager_a).write, {"note": "x"}
        )


@tagged("post_install", "-at_install")
class TestIntegritySeal(AttackCase):
    def test_section_score_inserted_by_sql_is_detected(self):
        self.assertTrue(self.signed.check_integrity())
        self.env.flush_all()
        self.env.cr.execute(
            "INSERT INTO boh_inspection_section_score"
            " (inspection_id, section_id, score, earned, possible, is_scored)"
            " VALUES (%s, %s, 100, 1, 1, true)",
            [self.signed.id, self.fridge.section_id.id],
        )
        self.assertFalse(self.signed.check_integrity())

    def test_changes_by_sql_are_detected(self):
        for sql in (
            "UPDATE boh_inspection SET score = 99, grade = 'A' WHERE id = %s",
            "UPDATE boh_inspection_section_score SET score = 99"
            " WHERE inspection_id = %s",
            "UPDATE boh_inspection_answer SET is_failed = false"
            " WHERE inspection_id = %s",
            "UPDATE ir_attachment SET checksum = 'x' WHERE res_model ="
            " 'boh.inspection' AND res_field = 'signature' AND res_id = %s",
        ):
            with self.subTest(sql=sql), self.env.cr.savepoint(flush=True) as sp:
                self.env.cr.execute(sql, [self.signed.id])
                self.assertFalse(self.signed.check_integrity())
                sp.rollback()
            self.env.invalidate_all()
            self.assertTrue(self.signed.check_integrity())

    def test_cron_marks_the_broken_seal_and_warns(self):
        Inspection = self.env["boh.inspection"]
        Inspection._cron_check_integrity()
        self.assertFalse(self.signed.seal_broken)
        self.assertTrue(self.signed.seal_checked_date)
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE boh_inspection_answer SET value_number = 2.5 WHERE id = %s",
            [self._answer(self.signed, self.fridge).id],
        )
        self.env.invalidate_all()
        broken = Inspection._cron_check_integrity()
        self.assertIn(self.signed, broken)
        self.assertTrue(self.signed.seal_broken)
        self.assertTrue(self.signed.seal_broken_date)
        note = self.signed.message_ids[0]
        self.assertIn("DOES NOT match", note.body)
        self.assertEqual(note.author_id, self.env.ref("base.partner_root"))
        users = self.signed.activity_ids.user_id
        self.assertIn(self.area_1, users, "the region's area manager")
        self.assertIn(self.boh_admin, users, "the BOH administrators")
        self.assertNotIn(self.manager_a, users)
        count = len(self.signed.activity_ids)
        Inspection._cron_check_integrity()
        self.assertEqual(len(self.signed.activity_ids), count, "warned once")
        # the form shows it to whoever reads the visit
        seen = self.signed.with_user(self.manager_a).read(["seal_broken", "score"])
        self.assertTrue(seen[0]["seal_broken"])

    def test_button_works_for_users_without_email(self):
        self.assertFalse(self.manager_a.email)
        as_manager = self.signed.with_user(self.manager_a)
        result = as_manager.action_check_integrity()
        self.assertEqual(result["params"]["type"], "success")
        self.assertFalse(self.signed.seal_broken)
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE boh_inspection_answer SET note = 'edited' WHERE id = %s",
            [self.menu_answer.id],
        )
        self.env.invalidate_all()
        result = as_manager.action_check_integrity()
        self.assertEqual(result["params"]["type"], "danger")
        self.assertTrue(self.signed.seal_broken)
        note = self.signed.message_ids[0]
        self.assertEqual(note.author_id, self.env.ref("base.partner_root"))
        # other stores' visits stay out of reach
        self._refused(
            AccessError, self.signed.with_user(self.manager_b).action_check_integrity
        )


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
