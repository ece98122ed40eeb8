"""Messages are whole sentences in the user's language (zh_CN here): no
English state, model name or noun spliced into a translated sentence."""

import base64

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import InspectionCase


@tagged("post_install", "-at_install")
class TestWholeSentences(InspectionCase):
    def setUp(self):
        super().setUp()
        self.env["res.lang"]._activate_lang("zh_CN")

    def _zh(self, records):
        return records.with_context(lang="zh_CN")

    def test_start_of_a_cancelled_visit(self):
        inspection = self._inspection()
        inspection.action_cancel()
        with self.assertRaises(UserError) as caught:
            self._zh(inspection).action_start()
        self.assertEqual(
            str(caught.exception), f"巡店 {inspection.name} 无法开始：已取消。"
        )
        self.assertEqual(inspection.state, "cancel")

    def test_answer_of_a_signed_visit(self):
        inspection = self._inspection()
        self._answer_all(inspection)
        self._sign(inspection)
        Answer = self._zh(self.env["boh.inspection.answer"].with_user(self.area_1))
        with self.assertRaises(UserError) as caught:
            Answer.action_save_answer(
                {
                    "inspection_id": inspection.id,
                    "item_id": self.menu.id,
                    "value_choice": "no",
                }
            )
        self.assertEqual(
            str(caught.exception), f"巡店 {inspection.name} 已签核：答案不能更改。"
        )
        self.assertEqual(self._answer(inspection, self.menu).value_choice, "yes")

    def test_lock_names_the_model_in_the_users_language(self):
        inspection = self._inspection()
        self._answer_all(inspection)
        self._sign(inspection)
        model = self.env["ir.model"]._get("boh.inspection.answer")
        model.with_context(lang="zh_CN").name = "巡店答案"
        answer = self._zh(self._answer(inspection, self.menu))
        with self.assertRaises(UserError) as caught:
            answer.unlink()
        self.assertIn("巡店答案", str(caught.exception))
        self.assertNotIn("Inspection Answer", str(caught.exception))
        self.assertTrue(answer.exists())

    def test_import_of_a_file_without_name(self):
        Wizard = self._zh(self.env["boh.inspection.template.import"])
        count = self.env["boh.inspection.template"].search_count([])
        wizard = Wizard.create({"file": base64.b64encode(b"not a workbook")})
        with self.assertRaises(UserError) as caught:
            wizard.action_import()
        self.assertEqual(str(caught.exception), "该文件不是 XLSX 文件。")
        self.assertEqual(self.env["boh.inspection.template"].search_count([]), count)
