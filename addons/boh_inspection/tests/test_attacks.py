"""Attacks on signed inspections (lock and seal): each asserts the refusal
and that nothing changed."""

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import png_b64, png_bytes
from .common_attacks import REFUSED, AttackCase


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
