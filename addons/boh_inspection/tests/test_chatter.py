from odoo.tests import tagged

from .common import InspectionCase


@tagged("post_install", "-at_install")
class TestChatterAuthors(InspectionCase):
    """Steps taken by people without an email address are theirs in the
    chatter; what the system finds is the system's."""

    def test_sign_off_is_authored_by_the_auditor(self):
        self.assertFalse(self.area_1.email)
        inspection = self._inspection()
        self._answer_all(inspection)
        self._sign(inspection)
        note = inspection.message_ids.filtered(lambda m: "Signed by" in (m.body or ""))
        self.assertEqual(len(note), 1)
        self.assertEqual(note.author_id, self.area_1.partner_id)
