import io

from openpyxl import load_workbook

from .common import BohReceivingCase


class TestClaimReports(BohReceivingCase):
    def test_claim_xlsx(self):
        order = self._create_order()
        self._make_receipt(order)
        self._receive(order, self.manager_a, {self.product_2: {"qty_received": 4}})
        content, report_type = self.env["ir.actions.report"]._render(
            "boh_receiving.boh_claim_xlsx_report", order.claim_ids.ids, {}
        )
        self.assertEqual(report_type, "xlsx")
        book = load_workbook(io.BytesIO(content))
        sheet = book.worksheets[0]
        self.assertEqual(sheet.max_row, 2)
        self.assertEqual(sheet.cell(2, 8).value, 1.0)
        self.assertEqual(sheet.cell(2, 10).value, "Short")
        self.assertEqual(sheet.cell(2, 11).value, 1.5)
