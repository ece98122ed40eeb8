import base64
import time
from datetime import datetime

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import InspectionCase, png_b64, signature_b64


@tagged("post_install", "-at_install")
class TestOfflineReplay(InspectionCase):
    """Answers queued on the phone while offline are sent again, in order."""

    def _at(self, inspection, item, client_time, **vals):
        return self._save(inspection, item, client_time=client_time, **vals)

    def test_answers_carry_their_client_time(self):
        inspection = self._inspection()
        given = datetime(2025, 3, 3, 9, 15, 0)
        ms = (given - datetime(1970, 1, 1)).total_seconds() * 1000
        result = self._at(inspection, self.hands, ms, value_choice="pass")
        self.assertFalse(result["stale"])
        answer = self._answer(inspection, self.hands)
        self.assertEqual(answer.client_time, ms)
        self.assertEqual(answer.answered_at, given, "the time it was given")

    def test_replay_never_overwrites_a_newer_answer(self):
        inspection = self._inspection()
        now = time.time() * 1000
        answer = self._answer(inspection, self.hands)
        self._at(inspection, self.hands, now - 5000, value_choice="fail", note="a")
        self._at(inspection, self.hands, now - 1000, value_choice="pass")
        self.assertEqual(answer.value_choice, "pass")
        # an older answer arriving late (a replay from another phone) is ignored
        result = self._at(inspection, self.hands, now - 3000, value_choice="fail")
        self.assertTrue(result["stale"])
        self.assertEqual(result["answer"]["value_choice"], "pass")
        self.assertEqual(answer.value_choice, "pass")
        # the same answer sent twice (lost response, replayed) changes nothing
        saved_at = answer.answered_at
        result = self._at(inspection, self.hands, now - 1000, value_choice="fail")
        self.assertTrue(result["stale"])
        self.assertEqual((answer.value_choice, answer.answered_at), ("pass", saved_at))
        # a newer answer is applied
        self._at(inspection, self.hands, now, value_choice="fail", note="b")
        self.assertEqual((answer.value_choice, answer.note), ("fail", "b"))
        self.assertEqual(len(answer.action_ids), 1)

    def test_bad_client_time_and_closed_visit(self):
        inspection = self._inspection()
        for bad in ("yesterday", -5, "inf", "nan"):
            with (
                self.subTest(bad=bad),
                self.assertRaisesRegex(UserError, "Hands washed: Client Time"),
            ):
                self._at(inspection, self.hands, bad, value_choice="pass")
        self.assertFalse(self._answer(inspection, self.hands).answered)
        self._answer_all(inspection)
        self._sign(inspection)
        with self.assertRaisesRegex(UserError, "is signed: answers cannot change"):
            self._at(inspection, self.hands, time.time() * 1000, value_choice="fail")
        self.assertEqual(self._answer(inspection, self.hands).value_choice, "pass")


@tagged("post_install", "-at_install")
class TestPhotoAndSignatureItems(InspectionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        section = cls.menu.section_id
        cls.display = cls.env["boh.inspection.item"].create(
            {
                "name": "Display photo",
                "section_id": section.id,
                "sequence": 10,
                "item_type": "photo",
            }
        )
        cls.leader = cls.env["boh.inspection.item"].create(
            {
                "name": "Shift leader signature",
                "section_id": section.id,
                "sequence": 11,
                "item_type": "signature",
            }
        )

    def test_signature_item_is_drawn_and_stored_as_an_image(self):
        inspection = self._inspection()
        answer = self._answer(inspection, self.leader)
        with self.assertRaisesRegex(
            UserError, "Shift leader signature: the signature is missing"
        ):
            self._save(inspection, self.leader)
        blank = png_b64((120, 40), (255, 255, 255))
        with self.assertRaisesRegex(UserError, "signature is missing"):
            self._save(inspection, self.leader, signature=blank)
        with self.assertRaisesRegex(UserError, "not an image"):
            self._save(
                inspection, self.leader, signature=base64.b64encode(b"x").decode()
            )
        with self.assertRaisesRegex(UserError, "not an image"):
            self._save(inspection, self.leader, signature="%%%")
        self.assertFalse(answer.answered)
        self.assertFalse(answer.signature)
        drawn = signature_b64()
        result = self._save(
            inspection, self.leader, signature=f"data:image/png;base64,{drawn}"
        )
        self.assertTrue(result["answer"]["has_signature"])
        self.assertTrue(answer.answered)
        attachment = self.env["ir.attachment"].search(
            [
                ("res_model", "=", "boh.inspection.answer"),
                ("res_field", "=", "signature"),
                ("res_id", "=", answer.id),
            ]
        )
        self.assertEqual(attachment.mimetype, "image/png")
        self.assertEqual(answer.photo_count, 0, "a signature is not a photo")
        # a note added later keeps the signature
        self._save(inspection, self.leader, note="Signed at the counter")
        self.assertTrue(answer.signature)
        self.assertTrue(
            inspection.with_user(self.area_1).get_conduct_data()["answers"][
                self.leader.id
            ]["has_signature"]
        )
        # the store manager of the store can see it, another store's cannot
        self.assertTrue(answer.with_user(self.manager_a).signature)
        with self.assertRaises(AccessError):
            answer.with_user(self.manager_b).read(["signature"])

    def test_photo_item_needs_a_photo(self):
        inspection = self._inspection()
        answer = self._answer(inspection, self.display).with_user(self.area_1)
        with self.assertRaisesRegex(
            UserError, "Display photo: take at least one photo"
        ):
            self._save(inspection, self.display)
        self.assertFalse(answer.answered)
        first = answer.action_add_photo("display.png", png_b64())
        self.assertTrue(first["answer"]["answered"])
        self.assertTrue(answer.answered)
        second = answer.action_add_photo("display2.png", png_b64())
        self.assertEqual(answer.photo_count, 2)
        answer.action_remove_photo(first["id"])
        self.assertTrue(answer.answered)
        result = answer.action_remove_photo(second["id"])
        self.assertFalse(result["answer"]["answered"])
        self.assertFalse(answer.answered)
        with self.assertRaisesRegex(UserError, "notes.txt|not an image"):
            answer.action_add_photo("notes.txt", base64.b64encode(b"hello").decode())
        self.assertFalse(answer.answered)
        self.assertEqual(answer.photo_count, 0)

    def test_sign_off_needs_the_photo_and_the_signature(self):
        inspection = self._inspection()
        self._answer_all(inspection)
        with self.assertRaisesRegex(UserError, "Display photo: no answer"):
            self._sign(inspection)
        self._answer(inspection, self.display).with_user(self.area_1).action_add_photo(
            "display.png", png_b64()
        )
        self._save(inspection, self.leader, signature=signature_b64())
        self._sign(inspection)
        self.assertEqual(inspection.state, "signed")
        self.assertTrue(inspection.check_integrity())
        # the drawn signature is covered by the hash and locked
        answer = self._answer(inspection, self.leader)
        attachment = self.env["ir.attachment"].search(
            [
                ("res_model", "=", "boh.inspection.answer"),
                ("res_field", "=", "signature"),
                ("res_id", "=", answer.id),
            ]
        )
        with self.assertRaisesRegex(UserError, "locked"):
            attachment.with_user(self.area_1).unlink()
        self.env.cr.execute(
            "UPDATE ir_attachment SET checksum = 'forged' WHERE id = %s",
            [attachment.id],
        )
        self.assertFalse(inspection.check_integrity())


@tagged("post_install", "-at_install")
class TestAutomaticActions(InspectionCase):
    def test_failure_creates_the_action_at_once_and_once(self):
        inspection = self._inspection()
        answer = self._answer(inspection, self.hands)
        self._save(inspection, self.hands, value_choice="fail")
        action = answer.action_ids
        self.assertEqual(len(action), 1)
        self.assertTrue(action.is_automatic)
        self.assertEqual(action.state, "open")
        self.assertEqual(action.assignee_id, self.manager_a)
        self.assertEqual(action.severity, "high")
        # saving the failure again creates no second action; the note follows
        self._save(inspection, self.hands, value_choice="fail", note="no soap")
        self.assertEqual(answer.action_ids, action)
        self.assertEqual(action.description, "no soap")
        # an item without the rule creates nothing
        self._save(inspection, self.menu, value_choice="no")
        self.assertFalse(self._answer(inspection, self.menu).action_ids)
        # back to pass: the untouched action goes away
        self._save(inspection, self.hands, value_choice="pass")
        self.assertFalse(action.exists())
        self._save(inspection, self.hands, is_na=True)
        self.assertFalse(answer.action_ids)
        self._save(inspection, self.hands, value_choice="fail", note="again")
        self.assertEqual(len(answer.action_ids), 1)
        # the sign-off adds no duplicate
        self._answer_all(inspection, hands="fail")
        self._sign(inspection)
        self.assertEqual(len(inspection.action_ids), 1)

    def test_action_worked_on_is_kept(self):
        inspection = self._inspection()
        answer = self._answer(inspection, self.hands)
        self._save(inspection, self.hands, value_choice="fail")
        action = answer.action_ids
        action.with_user(self.manager_a).evidence_note = "Soap dispenser refilled"
        self._save(inspection, self.hands, value_choice="pass")
        self.assertTrue(action.exists())
        self.assertEqual(action.state, "open")
        self._save(inspection, self.hands, value_choice="fail")
        self.assertEqual(answer.action_ids, action, "no second action")

    def test_manual_action_is_not_removed(self):
        inspection = self._inspection()
        self._save(inspection, self.menu, value_choice="no")
        answer = self._answer(inspection, self.menu).with_user(self.area_1)
        answer.action_create_corrective_action("Print a new menu")
        self._save(inspection, self.menu, value_choice="yes")
        self.assertEqual(answer.action_ids.description, "Print a new menu")
        self.assertFalse(answer.action_ids.is_automatic)
