from odoo.tests import tagged

from .common import InspectionCase


@tagged("post_install", "-at_install")
class TestVersioning(InspectionCase):
    def test_unused_template_is_edited_in_place(self):
        self.fridge.max_value = 5
        self.assertEqual(self.template.version, 1)
        self.assertTrue(self.template.active)
        self.assertEqual(self.fridge.max_value, 5)

    def test_editing_a_used_template_creates_a_version(self):
        old = self._inspection()
        self._answer_all(old)
        self.assertTrue(self.template.is_used)
        self.fridge.write({"max_value": 5, "name": "Walk-in fridge"})
        self.assertFalse(self.template.active, "the used version is archived")
        self.assertEqual(self.fridge.max_value, 4, "the used version is unchanged")
        new = self.env["boh.inspection.template"].search(
            [("origin_key", "=", self.template.origin_key)]
        )
        self.assertEqual(new.version, 2)
        self.assertEqual(new.previous_version_id, self.template)
        new_fridge = new.item_ids.filtered(lambda i: i.key == self.fridge.key)
        self.assertEqual((new_fridge.name, new_fridge.max_value), ("Walk-in fridge", 5))
        followup = new.item_ids.filtered(lambda i: i.key == self.followup.key)
        self.assertEqual(followup.parent_item_id, new_fridge, "links remapped")
        self.assertEqual(len(new.item_ids), len(self.template.item_ids))
        self.assertEqual(len(new.grade_band_ids), 4)
        # past inspections keep their version and its answers
        self.assertEqual(old.template_id, self.template)
        self.assertEqual(old.answer_ids.item_id, self.template.item_ids)
        # the next visit uses the new version; answering an old item is refused
        visit = self.env["boh.inspection"].create(
            {"template_id": new.id, "store_id": self.store_a.id}
        )
        self.assertEqual(visit.answer_ids.item_id, new.item_ids)
        # version 2 is used now: a change of version 1 makes version 3 from 2
        self.template.name = "Food Safety 2025"
        versions = (
            self.env["boh.inspection.template"]
            .with_context(active_test=False)
            .search([("origin_key", "=", self.template.origin_key)])
        )
        self.assertEqual(sorted(versions.mapped("version")), [1, 2, 3])
        latest = versions.filtered(lambda t: t.version == 3)
        self.assertEqual(latest.name, "Food Safety 2025")
        self.assertEqual(
            latest.item_ids.filtered(lambda i: i.key == self.fridge.key).max_value, 5
        )
        self.assertEqual(self.template.name, "Food Safety")
        # a further change while version 3 is unused goes to version 3
        self.hands.weight = 7
        self.assertEqual(
            self.env["boh.inspection.template"].search(
                [("origin_key", "=", latest.origin_key)]
            ),
            latest,
        )
        self.assertEqual(
            latest.item_ids.filtered(lambda i: i.key == self.hands.key).weight, 7
        )

    def test_new_sections_items_and_options_go_to_a_new_version(self):
        self._inspection()
        section = self.env["boh.inspection.section"].create(
            {"name": "Waste", "template_id": self.template.id}
        )
        self.assertNotEqual(section.template_id, self.template)
        self.assertEqual(section.template_id.version, 2)
        self.warm.name = "Very warm"
        self.assertEqual(self.warm.name, "Warm")
        draft = section.template_id
        self.assertIn("Very warm", draft.item_ids.option_ids.mapped("name"))
        self.hands.unlink()
        self.assertTrue(self.hands.exists(), "a used item is never deleted")
        self.assertEqual(len(self.template.item_ids), 6)
        self.assertEqual(len(draft.item_ids), 5)
        self.assertEqual(draft.version, 2, "every change went to the same draft")

    def test_new_version_button_and_copy(self):
        self._inspection()
        action = self.template.action_new_version()
        new = self.env["boh.inspection.template"].browse(action["res_id"])
        self.assertEqual(new.version, 2)
        self.assertEqual(new.origin_key, self.template.origin_key)
        other = new.copy()
        self.assertNotEqual(other.origin_key, new.origin_key)
        self.assertEqual(other.version, 1)
