import base64
import io
from unittest.mock import patch

from PIL import Image

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged
from odoo.tools.safe_eval import safe_eval

from odoo.addons.boh_inspection.lib import images

from .common import InspectionCase, png_b64, png_bytes


@tagged("post_install", "-at_install")
class TestInspection(InspectionCase):
    def test_answers_are_scored_with_weights_and_na(self):
        inspection = self._inspection()
        self.assertEqual(len(inspection.answer_ids), 6)
        self.assertEqual(inspection.state, "draft")
        # fridge 3 °C passes (weight 3); hands fail (weight 2); N/A kitchen
        res = self._save(inspection, self.fridge, value_number=3.0)
        self.assertEqual(inspection.state, "in_progress")
        self.assertEqual(res["score"], 100.0)
        self._save(inspection, self.hands, value_choice="fail", note="no soap")
        self._save(inspection, self.clean, is_na=True)
        res = self._save(inspection, self.greeting, option_ids=[self.warm.id])
        # (3 + 0 + 1) / (3 + 2 + 1) = 66.67 %
        self.assertAlmostEqual(res["score"], 66.67, places=2)
        self.assertEqual(res["answered_count"], 4)
        self.assertEqual(res["item_count"], 5)  # the follow-up is hidden
        self.assertEqual(inspection.grade, "C")
        self.assertTrue(self._answer(inspection, self.hands).is_failed)
        self.assertTrue(self._answer(inspection, self.clean).answered)
        self.assertFalse(self._answer(inspection, self.clean).counts)

    def test_critical_failure_fails_the_visit(self):
        inspection = self._inspection()
        self._answer_all(inspection, fridge=9.0)
        self._save(inspection, self.followup, value_text="Called the technician")
        self._answer(inspection, self.fridge).with_user(self.area_1).action_add_photo(
            "fridge.png", png_b64()
        )
        self._sign(inspection)
        # 5 of 8 weighted points: 62.5 % would be a C, but the fridge is critical
        self.assertAlmostEqual(inspection.score, 62.5)
        self.assertTrue(inspection.critical_failed)
        self.assertFalse(inspection.passed)
        self.assertEqual(inspection.grade, "Fail")
        action = inspection.action_ids
        self.assertEqual(action.item_id, self.fridge)
        self.assertEqual(action.severity, "critical")
        self.assertEqual(action.assignee_id, self.manager_a)
        # due dates count from the signer's own day (users here live in Shanghai)
        today = fields.Date.context_today(inspection)
        self.assertEqual((action.due_date - today).days, 1)
        cold = inspection.section_score_ids.filtered(
            lambda s: s.section_id == self.fridge.section_id
        )
        self.assertAlmostEqual(cold.score, 50.0)  # (0 + 2 + 1) / 6

    def test_follow_up_item_required_only_when_triggered(self):
        inspection = self._inspection()
        self._answer_all(inspection, fridge=9.0)
        self._answer(inspection, self.fridge).with_user(self.area_1).action_add_photo(
            "fridge.png", png_b64()
        )
        with self.assertRaisesRegex(UserError, "Fridge fixed on the spot"):
            self._sign(inspection)
        self.assertEqual(inspection.state, "in_progress")
        self._save(inspection, self.fridge, value_number=2.0)
        self._sign(inspection)
        self.assertEqual(inspection.state, "signed")
        self.assertEqual(inspection.grade, "A")

    def test_bad_answers_are_refused_and_nothing_is_saved(self):
        inspection = self._inspection()
        self._save(inspection, self.clean, value_number=3)
        answer = self._answer(inspection, self.clean)
        for vals, pattern in [
            ({"value_number": 9}, "Kitchen cleanliness"),
            ({"value_number": "abc"}, "Kitchen cleanliness: Value must be a number"),
            ({"value_number": None}, "Kitchen cleanliness: Value is required"),
        ]:
            with self.subTest(vals=vals), self.assertRaisesRegex(UserError, pattern):
                self._save(inspection, self.clean, **vals)
            self.assertEqual(answer.value_number, 3)
        with self.assertRaisesRegex(UserError, "pass or fail"):
            self._save(inspection, self.hands, value_choice="yes")
        with self.assertRaisesRegex(UserError, "unknown option"):
            self._save(inspection, self.greeting, option_ids=[self.hands.id + 999999])
        other = self.template.copy({"name": "Other"})
        with self.assertRaisesRegex(UserError, "not part of its template version"):
            self._save(inspection, other.item_ids[0], value_number=1)
        self.assertFalse(self._answer(inspection, self.hands).answered)

    def test_photos_resized_checked_and_attached(self):
        inspection = self._inspection()
        self._save(inspection, self.fridge, value_number=9)
        answer = self._answer(inspection, self.fridge).with_user(self.area_1)
        big = base64.b64encode(png_bytes((2500, 100))).decode()
        photo = answer.action_add_photo("big.png", big)
        attachment = self.env["ir.attachment"].browse(photo["id"])
        self.assertEqual(attachment.res_model, "boh.inspection.answer")
        self.assertEqual(attachment.res_id, answer.id)
        self.assertEqual(Image.open(io.BytesIO(attachment.raw)).size[0], 1920)
        answer.action_add_photo("second.png", png_b64())
        self.assertEqual(answer.photo_count, 2)
        with self.assertRaisesRegex(UserError, "not an image"):
            answer.action_add_photo("doc.pdf", base64.b64encode(b"%PDF-1.4").decode())
        with patch.object(images, "MAX_PHOTO_BYTES", 50):
            with self.assertRaisesRegex(UserError, "too large"):
                answer.action_add_photo("big.png", big)
        self.assertEqual(answer.photo_count, 2)

    def test_sign_requires_signature_and_complete_answers(self):
        inspection = self._inspection()
        self._save(inspection, self.fridge, value_number=3)
        with self.assertRaisesRegex(UserError, "signature"):
            inspection.action_sign(signature=None, signed_by="X")
        with self.assertRaisesRegex(UserError, "not an image"):
            inspection.action_sign(
                signature=base64.b64encode(b"hello").decode(), signed_by="X"
            )
        with self.assertRaisesRegex(UserError, "Hands washed: no answer"):
            self._sign(inspection)
        self._answer_all(inspection)
        self._save(inspection, self.hands, value_choice="fail")
        with self.assertRaisesRegex(UserError, "Hands washed: a note is required"):
            self._sign(inspection)
        self.assertEqual(inspection.state, "in_progress")
        self.assertFalse(inspection.signature)
        self.assertFalse(inspection.section_score_ids)
        # only the action the template rule created when the failure was saved
        self.assertTrue(inspection.action_ids.is_automatic)
        self.assertEqual(inspection.action_ids.item_id, self.hands)
        with self.assertRaisesRegex(UserError, "signature is missing"):
            inspection.action_sign(
                signature=png_b64((60, 20), (255, 255, 255)), signed_by="X"
            )
        self.assertEqual(inspection.state, "in_progress")

    def test_sign_off_locks_scores_hash_and_report_mail(self):
        inspection = self._inspection()
        res = inspection.action_start(self.near)
        self.assertFalse(res["warning"])
        self._answer_all(inspection, hands="fail")
        self._sign(inspection)
        self.assertEqual(inspection.state, "signed")
        self.assertEqual(inspection.signed_by, "Tour Manager A")
        self.assertLess(inspection.sign_distance, 50)
        self.assertEqual(len(inspection.answer_hash), 64)
        self.assertTrue(inspection.check_integrity())
        self.assertEqual(inspection.action_ids.item_id, self.hands)
        self.assertEqual(len(inspection.section_score_ids), 2)
        message = inspection.message_ids.filtered(
            lambda m: m.attachment_ids and m.message_type == "comment"
        )
        self.assertTrue(message, "the report is mailed at sign-off")
        self.assertEqual(message.partner_ids, (self.manager_a | self.area_1).partner_id)
        answer = self._answer(inspection, self.menu)
        photo = self._answer(inspection, self.hands)
        with self.assertRaisesRegex(UserError, "locked"):
            answer.with_user(self.area_1).write({"value_choice": "no"})
        with self.assertRaisesRegex(UserError, "locked"):
            answer.write({"note": "changed by root"})
        with self.assertRaisesRegex(UserError, "locked"):
            answer.unlink()
        with self.assertRaisesRegex(UserError, "locked"):
            inspection.write({"score": 100})
        with self.assertRaisesRegex(UserError, "signed"):
            inspection.sudo().unlink()
        with self.assertRaisesRegex(UserError, "cannot change"):
            self._save(inspection, self.menu, value_choice="no")
        with self.assertRaisesRegex(UserError, "locked"):
            self.env["ir.attachment"].create(
                {
                    "name": "late.png",
                    "raw": png_bytes(),
                    "res_model": "boh.inspection.answer",
                    "res_id": photo.id,
                }
            )
        signature = self.env["ir.attachment"].search(
            [
                ("res_model", "=", "boh.inspection"),
                ("res_id", "=", inspection.id),
                ("res_field", "=", "signature"),
            ]
        )
        self.assertTrue(signature)
        with self.assertRaisesRegex(UserError, "locked"):
            signature.unlink()
        self.assertTrue(inspection.check_integrity())

    def test_locked_photos_cannot_be_removed(self):
        inspection = self._inspection()
        self._answer_all(inspection, fridge=9.0)
        self._save(inspection, self.followup, value_text="fixed")
        answer = self._answer(inspection, self.fridge).with_user(self.area_1)
        photo = answer.action_add_photo("fridge.png", png_b64())
        self._sign(inspection)
        attachment = self.env["ir.attachment"].browse(photo["id"])
        with self.assertRaisesRegex(UserError, "locked"):
            attachment.unlink()
        with self.assertRaisesRegex(UserError, "locked"):
            attachment.write({"raw": png_bytes(color=(0, 0, 0))})
        with self.assertRaisesRegex(UserError, "locked|closed"):
            answer.action_remove_photo(photo["id"])
        self.assertTrue(attachment.exists())

    def test_admin_override_is_logged(self):
        inspection = self._inspection()
        self._answer_all(inspection)
        self._sign(inspection)
        answer = self._answer(inspection, self.menu)
        with self.assertRaises(AccessError):
            answer.with_user(self.area_1).with_context(
                boh_inspection_override="typo"
            ).write({"note": "x"})
        answer.with_user(self.boh_admin).with_context(
            boh_inspection_override="Typo in the note, asked by the store"
        ).write({"note": "corrected"})
        self.assertEqual(answer.note, "corrected")
        self.assertIn(
            "Typo in the note", inspection.message_ids[0].body, "logged in chatter"
        )
        self.assertTrue(inspection.check_integrity(), "hash renewed on override")

    def test_tampering_is_detected(self):
        inspection = self._inspection()
        self._answer_all(inspection)
        self._sign(inspection)
        self.assertTrue(inspection.check_integrity())
        answer = self._answer(inspection, self.fridge)
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE boh_inspection_answer SET value_number = 2.5 WHERE id = %s",
            [answer.id],
        )
        self.assertFalse(inspection.check_integrity())
        result = inspection.action_check_integrity()
        self.assertEqual(result["params"]["type"], "danger")
        self.assertIn("DOES NOT match", inspection.message_ids[0].body)
        self.assertTrue(inspection.seal_broken)

    def test_gps_far_from_store_warns(self):
        inspection = self._inspection()
        far = {"latitude": 31.30, "longitude": 121.50, "accuracy": 20}
        result = inspection.action_start(far)
        self.assertIn("m from store", result["warning"])
        self.assertGreater(inspection.start_distance, 5000)
        self.assertEqual(inspection.start_accuracy, 20)
        self.assertTrue(inspection.gps_warning)
        with self.assertRaisesRegex(UserError, "Latitude is out of range"):
            self._inspection().action_start({"latitude": 120, "longitude": 0})

    def test_repeat_failures_are_flagged(self):
        first = self._inspection()
        self._answer_all(first, hands="fail")
        self._sign(first)
        self.assertFalse(first.action_ids.is_repeat)
        second = self._inspection()
        self._answer_all(second, hands="fail")
        self._sign(second)
        self.assertTrue(self._answer(second, self.hands).is_repeat_failure)
        self.assertTrue(second.action_ids.is_repeat)
        # another store does not count
        third = self._inspection(store=self.store_b)
        self._answer_all(third, hands="fail")
        self._sign(third)
        self.assertFalse(self._answer(third, self.hands).is_repeat_failure)

    def test_conduct_data_and_manual_action(self):
        inspection = self._inspection()
        self._save(inspection, self.hands, value_choice="fail", note="no soap")
        data = inspection.with_user(self.area_1).get_conduct_data()
        self.assertEqual(
            [s["name"] for s in data["sections"]], ["Cold Chain", "Service"]
        )
        fridge = data["sections"][0]["items"][0]
        self.assertEqual((fridge["min"], fridge["max"], fridge["unit"]), (0, 4, "°C"))
        self.assertTrue(data["answers"][self.hands.id]["is_failed"])
        answer = self._answer(inspection, self.hands).with_user(self.area_1)
        result = answer.action_create_corrective_action("Buy soap")
        action = self.env["boh.inspection.action"].browse(result["id"])
        self.assertEqual(action.description, "Buy soap")
        self.assertEqual(action.store_id, self.store_a)
        with self.assertRaisesRegex(UserError, "did not fail"):
            self._answer(inspection, self.menu).action_create_corrective_action()

    def test_cancel_and_reset(self):
        inspection = self._inspection()
        inspection.action_cancel()
        self.assertEqual(inspection.state, "cancel")
        with self.assertRaisesRegex(UserError, "cannot start: it is cancelled"):
            inspection.action_start()
        inspection.action_reset_draft()
        self.assertEqual(inspection.state, "draft")

    def test_surprise_visit_on_the_spot(self):
        action = self.env.ref("boh_inspection.boh_inspection_action_surprise")
        Inspection = (
            self.env["boh.inspection"]
            .with_user(self.area_1)
            .with_context(**safe_eval(action.context))
        )
        form = Form(Inspection, view="boh_inspection.boh_inspection_view_form_surprise")
        form.store_id = self.store_a
        form.template_id = self.template
        visit = form.save()
        self.assertEqual(visit.kind, "surprise")
        self.assertEqual(visit.auditor_id, self.area_1)
        self.assertEqual(visit.scheduled_date, fields.Date.context_today(visit))
        self.assertEqual(len(visit.answer_ids), len(self.template.item_ids))
        conduct = visit.action_conduct()
        self.assertEqual(conduct["tag"], "boh_inspection_conduct")
        self.assertEqual(conduct["params"]["inspection_id"], visit.id)
