import io

from openpyxl import load_workbook

from odoo.addons.boh_ordering.tests.test_receiving_common import BohStoreOpsCase


class TestReports(BohStoreOpsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["stock.quant"]._update_available_quantity(
            cls.product_1, cls.store_a.lot_stock_id, 10.0
        )
        cls.wastes = cls.env["boh.waste"].create(
            [
                {
                    "store_id": cls.store_a.id,
                    "product_id": cls.product_1.id,
                    "quantity": qty,
                    "reason": reason,
                }
                for qty, reason in ((1, "expired"), (2, "damaged"), (1, "expired"))
            ]
        )
        cls.wastes.action_post()

    def _render(self, xmlid, records):
        content, report_type = self.env["ir.actions.report"]._render(
            xmlid, records.ids, {}
        )
        self.assertEqual(report_type, "xlsx")
        return load_workbook(io.BytesIO(content))

    def test_waste_xlsx(self):
        book = self._render("boh_store_ops.boh_waste_xlsx_report", self.wastes)
        sheet = book.worksheets[0]
        self.assertEqual(sheet.max_row, 4)
        self.assertEqual(sheet.cell(2, 3).value, self.store_a.display_name)
        summary = {
            row[0]: row[1]
            for row in book.worksheets[1].iter_rows(min_row=2, values_only=True)
        }
        self.assertEqual(summary["Expired"], 6.0)
        self.assertEqual(summary["Damaged"], 6.0)
        self.assertEqual(summary["Total"], 12.0)

    def test_waste_by_reason_and_fill_rate(self):
        groups = self.env["boh.waste"]._read_group(
            [("id", "in", self.wastes.ids)], ["reason"], ["amount:sum"]
        )
        self.assertEqual(dict(groups), {"expired": 6.0, "damaged": 6.0})
        order = self._create_order()
        picking = self._make_receipt(order)
        # 4 of the 5 cups arrive, the rest is not delivered (no backorder).
        picking.move_ids.filtered(lambda m: m.product_id == self.product_2).quantity = 4
        picking.move_ids.picked = True
        picking.with_context(
            skip_backorder=True, picking_ids_not_to_backorder=picking.ids
        ).button_validate()
        self.assertEqual(order.state, "received", "received without the wizard")
        groups = self.env["boh.store.order.line"]._read_group(
            [("order_id", "=", order.id)],
            ["store_id", "source_type"],
            ["price_subtotal:sum", "amount_received_on_time:sum"],
        )
        self.assertEqual(groups, [(self.store_a, "central_warehouse", 13.5, 12.0)])
