import base64

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import InspectionCase, png_b64


@tagged("post_install", "-at_install")
class TestReportPlansXlsx(InspectionCase):
    def test_report_renders(self):
        inspection = self._inspection()
        self._answer_all(inspection, hands="fail")
        self._answer(inspection, self.hands).with_user(self.area_1).action_add_photo(
            "hands.png", png_b64()
        )
        self._sign(inspection)
        content, kind = self.env["ir.actions.report"]._render_qweb_pdf(
            "boh_inspection.action_report_inspection", inspection.ids
        )
        self.assertIn(kind, ("pdf", "html"))  # html when tests run without wkhtmltopdf
        html = content.decode()
        self.assertIn(inspection.name, html)
        self.assertIn("Hands washed", html)
        self.assertIn("data:image/png;base64", html, "photos and signature embedded")
        self.assertIn("Tour Manager A", html)

    def test_plan_generates_visits_ahead_once(self):
        plan = self.env["boh.inspection.plan"].create(
            {
                "name": "Weekly",
                "template_id": self.template.id,
                "auditor_id": self.area_1.id,
                "region_id": self.region_1.id,
                "interval_type": "week",
                "next_date": "2025-03-10",
                "lead_days": 7,
            }
        )
        with freeze_time("2025-03-05"):
            self.env["boh.inspection.plan"]._cron_generate_inspections()
            self.assertEqual(plan.inspection_ids.store_id, self.store_a | self.store_b)
            self.assertEqual(set(plan.inspection_ids.mapped("kind")), {"planned"})
            self.assertEqual(str(plan.next_date), "2025-03-17")
            self.env["boh.inspection.plan"]._cron_generate_inspections()
            self.assertEqual(len(plan.inspection_ids), 2)
        with freeze_time("2025-03-10"):
            plan._generate_inspections()
            self.assertEqual(len(plan.inspection_ids), 4)
        # the latest version of the template is used
        self._inspection()
        self.fridge.max_value = 6
        with freeze_time("2025-03-18"):
            new = plan._generate_inspections()
        self.assertEqual(new.template_id.version, 2)

    def test_xlsx_round_trip(self):
        Wizard = self.env["boh.inspection.template.import"]
        data = Wizard._export_template(self.template)
        wizard = Wizard.create({"file": data, "filename": "fs.xlsx"})
        action = wizard.action_import()
        copy = self.env["boh.inspection.template"].browse(action["res_id"])
        self.assertEqual(copy.name, "Food Safety")
        self.assertEqual(
            copy.item_ids.mapped("name"), self.template.item_ids.mapped("name")
        )
        fridge = copy.item_ids.filtered(lambda i: i.name == "Fridge temperature")
        self.assertEqual(
            (fridge.min_value, fridge.max_value, fridge.is_critical), (0, 4, True)
        )
        greeting = copy.item_ids.filtered(lambda i: i.name == "Greeting")
        self.assertEqual(greeting.option_ids.mapped("is_failure"), [False, True])
        self.assertTrue(self.template.xlsx_file)

    def test_xlsx_bad_files(self):
        Wizard = self.env["boh.inspection.template.import"]
        bad = Wizard.create(
            {"file": base64.b64encode(b"not a workbook"), "filename": "x.xlsx"}
        )
        count = self.env["boh.inspection.template"].search_count([])
        with self.assertRaisesRegex(UserError, "x.xlsx is not an XLSX file"):
            bad.action_import()
        import io

        import openpyxl

        book = openpyxl.load_workbook(
            io.BytesIO(base64.b64decode(Wizard._export_template(self.template)))
        )
        book["Items"]["C2"] = "colour"
        out = io.BytesIO()
        book.save(out)
        wizard = Wizard.create(
            {"file": base64.b64encode(out.getvalue()), "filename": "fs.xlsx"}
        )
        with self.assertRaisesRegex(UserError, "row 2: type colour is unknown"):
            wizard.action_import()
        self.assertEqual(self.env["boh.inspection.template"].search_count([]), count)
