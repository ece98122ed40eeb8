from lxml import etree

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import InspectionCase, png_b64


@tagged("post_install", "-at_install")
class TestInspectionAccess(InspectionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.inspection = cls.env["boh.inspection"].create(
            {
                "template_id": cls.template.id,
                "store_id": cls.store_a.id,
                "auditor_id": cls.area_1.id,
            }
        )
        cls.answer = cls.inspection.answer_ids.filtered(
            lambda a: a.item_id == cls.hands
        )
        cls.env["boh.inspection.answer"].action_save_answer(
            {
                "inspection_id": cls.inspection.id,
                "item_id": cls.hands.id,
                "value_choice": "fail",
                "note": "no soap",
            }
        )
        cls.photo = cls.env["ir.attachment"].browse(
            cls.answer.action_add_photo("hands.png", png_b64())["id"]
        )
        # the template rule created the action when the failure was saved
        cls.action = cls.answer.action_ids
        cls.other = cls.env["boh.inspection"].create(
            {
                "template_id": cls.template.id,
                "store_id": cls.store_c.id,
                "auditor_id": cls.area_2.id,
            }
        )

    def _sees(self, user, model="boh.inspection"):
        return self.env[model].with_user(user).search([])

    def test_store_manager_reads_own_store_only(self):
        self.assertEqual(self._sees(self.manager_a), self.inspection)
        self.assertEqual(self._sees(self.staff_a), self.inspection)
        self.assertEqual(
            self._sees(self.manager_a, "boh.inspection.action"), self.action
        )
        with self.assertRaises(AccessError):
            self.inspection.with_user(self.manager_a).write({"note": "x"})
        with self.assertRaises(AccessError):
            self.env["boh.inspection.answer"].with_user(
                self.manager_a
            ).action_save_answer(
                {
                    "inspection_id": self.inspection.id,
                    "item_id": self.menu.id,
                    "value_choice": "yes",
                }
            )
        # the photo of their store's answer is readable
        self.assertTrue(self.photo.with_user(self.manager_a).raw)
        # they answer their actions
        self.action.with_user(self.manager_a).write({"evidence_note": "done"})

    def test_other_store_manager_sees_nothing(self):
        for model in (
            "boh.inspection",
            "boh.inspection.answer",
            "boh.inspection.action",
            "boh.inspection.section.score",
        ):
            self.assertFalse(self._sees(self.manager_b, model), model)
        with self.assertRaises(AccessError):
            self.inspection.with_user(self.manager_b).read(["score"])
        with self.assertRaises(AccessError):
            self.photo.with_user(self.manager_b).read(["raw"])
        with self.assertRaises(AccessError):
            self.action.with_user(self.manager_b).write({"evidence_note": "x"})

    def test_auditors_see_own_regions_and_own_visits(self):
        self.assertEqual(self._sees(self.area_1), self.inspection)
        self.assertEqual(self._sees(self.area_2), self.other)
        with self.assertRaises(AccessError):
            self.photo.with_user(self.area_2).read(["raw"])
        with self.assertRaises(AccessError):
            self.answer.with_user(self.area_2).read(["note"])
        # an auditor supervises the stores of the visits they conduct
        with (
            self.assertRaisesRegex(ValidationError, "does not supervise"),
            self.env.cr.savepoint(),
        ):
            self.other.auditor_id = self.area_1
        self.other.invalidate_recordset()
        self.assertEqual(self.other.auditor_id, self.area_2)

    def test_templates_managed_by_admins_only(self):
        self.assertIn(
            self.template, self._sees(self.manager_a, "boh.inspection.template")
        )
        with self.assertRaises(AccessError):
            self.template.with_user(self.area_1).write({"name": "X"})
        with self.assertRaises(AccessError):
            self.env["boh.inspection.template"].with_user(self.area_1).create(
                {"name": "X"}
            )
        self.env["boh.inspection.template"].with_user(self.boh_admin).create(
            {"name": "Admin template"}
        )

    def test_executive_reads_everything_changes_nothing(self):
        self.assertEqual(self._sees(self.executive), self.inspection | self.other)
        with self.assertRaises(AccessError):
            self.inspection.with_user(self.executive).write({"note": "x"})
        with self.assertRaises(AccessError):
            self.action.with_user(self.executive).write({"evidence_note": "x"})

    def test_plans_are_for_auditors(self):
        with self.assertRaises(AccessError):
            self.env["boh.inspection.plan"].with_user(self.manager_a).search([])
        plan = (
            self.env["boh.inspection.plan"]
            .with_user(self.area_1)
            .create(
                {
                    "name": "Monthly",
                    "template_id": self.template.id,
                    "region_id": self.region_1.id,
                }
            )
        )
        self.assertFalse(
            self.env["boh.inspection.plan"]
            .with_user(self.area_2)
            .search([("id", "=", plan.id)])
        )

    def test_store_manager_opens_the_forms(self):
        """Every field the forms show to a store manager is readable by them."""
        for record in (self.inspection, self.action):
            model = self.env[record._name].with_user(self.manager_a)
            arch = model.get_views([(False, "form")])["views"]["form"]["arch"]
            names = {
                node.get("name")
                for node in etree.fromstring(arch).iter("field")
                if node.getparent().tag != "list" and node.get("name") in model._fields
            }
            values = record.with_user(self.manager_a).read(sorted(names))
            self.assertTrue(values)
            for name in names:
                field = model._fields[name]
                if field.type in ("many2one", "one2many", "many2many"):
                    record.with_user(self.manager_a)[name].mapped("display_name")
