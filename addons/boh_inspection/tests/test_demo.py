from odoo.tests import tagged

from .common import InspectionCase


@tagged("post_install", "-at_install")
class TestDemo(InspectionCase):
    def test_demo_inspections_in_every_state(self):
        self.env["boh.inspection"].search([]).sudo().filtered(
            lambda i: i.state != "signed"
        ).unlink()
        self.assertFalse(self.env["boh.inspection"].search_count([]))
        stores = self.store_a | self.store_b | self.store_c
        inspections = self.env["boh.demo.loader"]._load_inspections(stores, months=3)
        self.assertEqual(len(inspections), 3 * (3 * 2 + 2))
        self.assertEqual(
            set(inspections.mapped("state")),
            {"draft", "in_progress", "signed", "cancel"},
        )
        signed = inspections.filtered(lambda i: i.state == "signed")
        self.assertTrue(signed)
        self.assertEqual(
            [i.name for i in signed if not i.check_integrity()], [], "broken seals"
        )
        self.assertGreater(len(set(signed.mapped("date"))), 5, "months of history")
        photos = self.env["ir.attachment"].search_count(
            [
                ("res_model", "=", "boh.inspection.answer"),
                ("res_id", "in", signed.answer_ids.ids),
            ]
        )
        self.assertTrue(photos)
        actions = inspections.action_ids
        self.assertTrue(
            {"open", "done"} <= set(actions.mapped("state")), actions.mapped("state")
        )
        food = signed.template_id.filtered(lambda t: t.code == "FOOD")
        self.assertEqual(food.with_context(lang="zh_CN").name, "食品安全")
        self.assertEqual(food.with_context(lang="en_US").name, "Food Safety")
        self.assertIn(
            "冷藏库温度", food.item_ids.with_context(lang="zh_CN").mapped("name")
        )
        self.assertTrue(self.env["boh.inspection.plan"].search([]))
        # opening checklists: the photo item has its photo, the signature is drawn
        opening = signed.filtered(lambda i: i.template_id.code == "OPEN")
        self.assertTrue(opening)
        photo_answers = opening.answer_ids.filtered(lambda a: a.item_type == "photo")
        self.assertTrue(photo_answers)
        self.assertEqual(
            photo_answers.filtered(lambda a: not (a.answered and a.photo_count)),
            photo_answers.browse(),
            "photo items answered with their photo",
        )
        signed_items = opening.answer_ids.filtered(lambda a: a.item_type == "signature")
        self.assertTrue(signed_items)
        self.assertFalse(signed_items.filtered(lambda a: not a.signature))
        # failures saved during visits still in progress already have their action
        ongoing = inspections.filtered(lambda i: i.state == "in_progress")
        self.assertTrue(ongoing)
        auto_failed = ongoing.answer_ids.filtered(
            lambda a: a.is_failed and a.item_id.auto_action
        )
        self.assertTrue(auto_failed)
        self.assertFalse(
            auto_failed.filtered(
                lambda a: (
                    not a.action_ids or not all(a.action_ids.mapped("is_automatic"))
                )
            ),
            "each failure of an automatic rule has its automatic action",
        )
        self.assertIn("submitted", set(actions.mapped("state")))
