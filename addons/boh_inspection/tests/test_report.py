import base64
import io
from contextlib import contextmanager
from unittest.mock import patch

import openpyxl
from freezegun import freeze_time
from PIL import Image

import odoo.http
from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged
from odoo.tools.pdf import PdfFileReader

from .common import InspectionCase, png_b64, png_bytes


def pdf_images(content):
    """The number of images drawn on the pages of a PDF."""
    reader = PdfFileReader(io.BytesIO(content))
    images = 0
    for page in reader.pages:
        todo = [page["/Resources"]]
        while todo:
            xobjects = todo.pop().get_object().get("/XObject")
            for ref in (xobjects.get_object() if xobjects else {}).values():
                xobject = ref.get_object()
                if xobject.get("/Subtype") == "/Image":
                    images += 1
                elif "/Resources" in xobject:
                    todo.append(xobject["/Resources"])
    return len(reader.pages), images


@tagged("post_install", "-at_install")
class TestReportPdf(HttpCase, InspectionCase):
    """The report is rendered by wkhtmltopdf (forced in test mode); the test
    server serves the report's assets to it.  wkhtmltopdf draws the web fonts
    as outlines, so the text is checked in the HTML it was given and the
    photos are counted in the PDF."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # wkhtmltopdf fetches the report's assets in parallel requests: map
        # the static folders of the addons once here, so that those requests
        # do not all parse the manifests at the same time.
        statics = odoo.http.root.statics
        assert "boh_inspection" in statics, "the addon serves its static files"

    def _failed_signed_visit(self, photos=1, **context):
        inspection = self._inspection().with_context(**context)
        self._answer_all(inspection, hands="fail")
        answer = self._answer(inspection, self.hands).with_user(self.area_1)
        for number in range(photos):
            answer.action_add_photo(
                f"hands{number}.png", png_b64((64, 48), (200, 30 * number, 30))
            )
        self._sign(inspection)
        return inspection

    @contextmanager
    def _wkhtmltopdf_spy(self):
        report_class = type(self.env["ir.actions.report"])
        bodies = []
        original = report_class._run_wkhtmltopdf

        def spy(report, html_bodies, *args, **kwargs):
            bodies.extend(
                b.decode() if isinstance(b, bytes) else str(b) for b in html_bodies
            )
            return original(report, html_bodies, *args, **kwargs)

        with patch.object(report_class, "_run_wkhtmltopdf", spy):
            yield bodies

    def _check_pdf(self, inspection, content, bodies, photos):
        self.assertTrue(content.startswith(b"%PDF"))
        html = "\n".join(bodies)
        self.assertIn(inspection.name, html)
        self.assertIn("Hands washed", html, "the failed item is listed")
        self.assertNotIn("Menu displayed", html, "items that passed are not")
        self.assertIn("Tour Manager A", html)
        pages, images = pdf_images(content)
        self.assertGreaterEqual(pages, 1)
        self.assertEqual(images, photos + 1, "the photos of the failure and signature")

    def test_report_renders_a_pdf(self):
        inspection = self._failed_signed_visit(photos=2, boh_inspection_no_report=True)
        report = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        with self._wkhtmltopdf_spy() as bodies:
            content, kind = report._render_qweb_pdf(
                "boh_inspection.action_report_inspection", inspection.ids
            )
        self.assertEqual(kind, "pdf")
        self._check_pdf(inspection, content, bodies, photos=2)

    def test_report_mailed_at_sign_off(self):
        with self._wkhtmltopdf_spy() as bodies:
            inspection = self._failed_signed_visit(force_report_rendering=True)
        message = inspection.message_ids.filtered(
            lambda m: m.attachment_ids and m.message_type == "comment"
        )
        self.assertEqual(len(message), 1)
        self.assertEqual(message.partner_ids, (self.manager_a | self.area_1).partner_id)
        attachment = message.attachment_ids
        self.assertEqual(attachment.mimetype, "application/pdf")
        self.assertIn(inspection.name.replace("/", "-"), attachment.name)
        self._check_pdf(inspection, attachment.raw, bodies, photos=1)


@tagged("post_install", "-at_install")
class TestReportPlansXlsx(InspectionCase):
    def test_report_html(self):
        inspection = self._inspection()
        self._answer_all(inspection, hands="fail")
        self._answer(inspection, self.hands).with_user(self.area_1).action_add_photo(
            "hands.png", png_b64()
        )
        self._sign(inspection)
        # without force_report_rendering, test mode renders the HTML
        content, kind = self.env["ir.actions.report"]._render_qweb_pdf(
            "boh_inspection.action_report_inspection", inspection.ids
        )
        self.assertEqual(kind, "html")
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
        photo = png_bytes((40, 30), (10, 120, 200))
        self.fridge.reference_image = base64.b64encode(photo)
        self.menu.yes_is_pass = False
        self.clean.is_required = False
        data = Wizard._export_template(self.template)
        wizard = Wizard.create({"file": data, "filename": "fs.xlsx"})
        action = wizard.action_import()
        copy = self.env["boh.inspection.template"].browse(action["res_id"])
        self.assertEqual(copy.name, "Food Safety")
        Item = self.env["boh.inspection.item"]
        self.assertEqual(
            Item.search([("template_id", "=", copy.id)]).mapped("name"),
            Item.search([("template_id", "=", self.template.id)]).mapped("name"),
        )
        fridge = copy.item_ids.filtered(lambda i: i.name == "Fridge temperature")
        self.assertEqual(
            (fridge.min_value, fridge.max_value, fridge.is_critical), (0, 4, True)
        )
        greeting = copy.item_ids.filtered(lambda i: i.name == "Greeting")
        self.assertEqual(greeting.option_ids.mapped("is_failure"), [False, True])
        self.assertTrue(self.template.xlsx_file)
        # follow-up items keep their parent and trigger (new keys)
        followup = copy.item_ids.filtered(lambda i: i.name == self.followup.name)
        self.assertEqual(followup.parent_item_id, fridge)
        self.assertEqual(followup.trigger, "fail")
        self.assertNotEqual(fridge.key, self.fridge.key)
        self.assertFalse(
            copy.item_ids.filtered(lambda i: i.name == "Menu displayed").yes_is_pass
        )
        self.assertFalse(
            copy.item_ids.filtered(
                lambda i: i.name == "Kitchen cleanliness"
            ).is_required
        )
        # the reference photo travels as a picture in the item's row
        self.assertEqual(
            Image.open(io.BytesIO(base64.b64decode(fridge.reference_image))).size,
            (40, 30),
        )
        self.assertFalse(greeting.reference_image)

    def test_xlsx_follow_up_and_image_errors(self):
        Wizard = self.env["boh.inspection.template.import"]
        book = openpyxl.load_workbook(
            io.BytesIO(base64.b64decode(Wizard._export_template(self.template)))
        )
        items = book["Items"]
        header = [c.value for c in items[1]]
        follow_col = header.index("Follow-up Of") + 1
        row = next(
            r[0].row
            for r in items.iter_rows(min_row=2)
            if r[1].value == self.followup.name
        )
        items.cell(row=row, column=follow_col, value="no-such-key")
        count = self.env["boh.inspection.template"].search_count([])

        def load(book):
            out = io.BytesIO()
            book.save(out)
            return Wizard.create(
                {"file": base64.b64encode(out.getvalue()), "filename": "fs.xlsx"}
            )

        with self.assertRaisesRegex(
            UserError, f"row {row}: follow-up of no-such-key, but no item"
        ):
            load(book).action_import()
        # an item name works as well as a key
        items.cell(row=row, column=follow_col, value="Fridge temperature")
        items.cell(row=row, column=header.index("Show When") + 1, value="maybe")
        with self.assertRaisesRegex(UserError, f"row {row}: Show When must be"):
            load(book).action_import()
        items.cell(row=row, column=header.index("Show When") + 1, value="pass")
        template = self.env["boh.inspection.template"].browse(
            load(book).action_import()["res_id"]
        )
        followup = template.item_ids.filtered(lambda i: i.name == self.followup.name)
        self.assertEqual(followup.parent_item_id.name, "Fridge temperature")
        self.assertEqual(followup.trigger, "pass")
        self.assertEqual(
            self.env["boh.inspection.template"].search_count([]), count + 1
        )

    def test_xlsx_bad_files(self):
        Wizard = self.env["boh.inspection.template.import"]
        bad = Wizard.create(
            {"file": base64.b64encode(b"not a workbook"), "filename": "x.xlsx"}
        )
        count = self.env["boh.inspection.template"].search_count([])
        with self.assertRaisesRegex(UserError, "x.xlsx is not an XLSX file"):
            bad.action_import()
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
