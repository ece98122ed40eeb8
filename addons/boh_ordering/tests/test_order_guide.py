"""Order guides: copying to stores, line checks, the workbook export and import."""

from odoo.exceptions import UserError, ValidationError

from .common import BohOrderingCase


class TestGuide(BohOrderingCase):
    def test_copy_to_stores(self):
        wizard = (
            self.env["boh.order.guide.copy"]
            .with_user(self.buyer)
            .create(
                {
                    "guide_id": self.guide.id,
                    "store_ids": [(6, 0, (self.store_b | self.store_c).ids)],
                }
            )
        )
        action = wizard.action_copy()
        copies = self.env["boh.order.guide"].browse(action["domain"][0][2])
        self.assertEqual(len(copies), 2)
        self.assertEqual(copies.store_ids, self.store_b | self.store_c)
        self.assertEqual(len(copies[0].line_ids), 3)

    def test_guide_line_checks(self):
        with self.assertRaisesRegex(ValidationError, "Test Flour.*cannot measure"):
            self.guide.line_ids.filtered(
                lambda gl: gl.product_id == self.product_1
            ).product_uom_id = self.uom_unit
        with self.assertRaisesRegex(ValidationError, "Test Cups.*min is above"):
            self.guide.line_ids[0].write({"qty_min": 10, "qty_max": 5})

    def test_export_import_roundtrip(self):
        content, ext = self.env["ir.actions.report"]._render(
            "boh_ordering.action_report_order_guide_xlsx", self.guide.ids
        )
        self.assertEqual(ext, "xlsx")
        target = self.env["boh.order.guide"].create(
            {"name": "Target", "store_ids": [(6, 0, self.store_b.ids)]}
        )
        import base64

        wizard = (
            self.env["boh.order.guide.import"]
            .with_user(self.buyer)
            .create(
                {
                    "guide_id": target.id,
                    "file": base64.b64encode(content),
                    "filename": "g.xlsx",
                }
            )
        )
        wizard.action_import()
        self.assertEqual(len(target.line_ids), 3)
        flour = target.line_ids.filtered(lambda gl: gl.product_id == self.product_1)
        self.assertEqual(
            (flour.qty_par, flour.pack_qty, flour.source_store_id), (50, 5, self.cw)
        )

    def test_export_import_roundtrip_in_chinese(self):
        """A Chinese buyer exports the guide (columns in Chinese) and imports
        it back; the English workbook still imports for them too."""
        import base64
        import io

        import openpyxl

        self.env["boh.demo.loader"]._install_language("zh_CN")
        self.buyer.lang = "zh_CN"
        content, _ext = (
            self.env["ir.actions.report"]
            .with_user(self.buyer)
            .with_context(lang="zh_CN")
            ._render("boh_ordering.action_report_order_guide_xlsx", self.guide.ids)
        )
        header = next(
            openpyxl.load_workbook(io.BytesIO(content))
            .worksheets[0]
            .iter_rows(max_row=1, values_only=True)
        )
        self.assertIn("巡店顺序", header)
        self.assertNotIn("Walk Order", header)
        target = self.env["boh.order.guide"].create(
            {"name": "Target", "store_ids": [(6, 0, self.store_b.ids)]}
        )
        wizard = (
            self.env["boh.order.guide.import"]
            .with_user(self.buyer)
            .with_context(lang="zh_CN")
            .create(
                {
                    "guide_id": target.id,
                    "file": base64.b64encode(content),
                    "filename": "g.xlsx",
                }
            )
        )
        wizard.action_import()
        flour = target.line_ids.filtered(lambda gl: gl.product_id == self.product_1)
        self.assertEqual(
            (flour.qty_par, flour.pack_qty, flour.source_store_id), (50, 5, self.cw)
        )

    def test_import_broken_rows(self):
        import base64
        import io

        import openpyxl

        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(
            [
                "Walk Order",
                "Product Code",
                "Source Type",
                "Source Site",
                "Unit",
                "Pack Size",
                "Par",
            ]
        )
        sheet.append([1, "TFLOUR", "central_warehouse", "TCW", "kg", 5, 40])
        sheet.append([2, "NOPE", "central_warehouse", "TCW", "kg", 5, 40])
        sheet.append([3, "TCUPS", "central_warehouse", "TCW", "Units", "six", 40])
        sheet.append([4, "TCUPS", "central_warehouse", "TCW", "kg", 6, 40])
        buffer = io.BytesIO()
        book.save(buffer)
        target = self.env["boh.order.guide"].create({"name": "Target"})
        wizard = self.env["boh.order.guide.import"].create(
            {"guide_id": target.id, "file": base64.b64encode(buffer.getvalue())}
        )
        with self.assertRaises(UserError) as err:
            wizard.action_import()
        message = str(err.exception)
        self.assertIn("Row 3, Product Code", message)
        self.assertIn("Row 4, Pack Size", message)
        self.assertIn("Row 5, Unit", message)
        self.assertNotIn("Row 2", message)
        self.assertFalse(target.line_ids, "nothing half-written")
