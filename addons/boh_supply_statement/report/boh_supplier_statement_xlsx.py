from odoo import _, models


class BohSupplierStatementXlsx(models.AbstractModel):
    """The statement as a spreadsheet: the totals, then one row per line."""

    _name = "report.boh_supply_statement.statement_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Supplier Statement XLSX"

    def generate_xlsx_report(self, workbook, data, statements):
        # The user's rights decide what is printed (a supplier only its own
        # sent statements); the lines' products and units are then read in
        # sudo, as the portal shows them.
        statements.check_access("read")
        bold = workbook.add_format({"bold": True})
        date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
        money = workbook.add_format({"num_format": "#,##0.00"})
        qty = workbook.add_format({"num_format": "#,##0.###"})
        for statement in statements.sudo():
            sheet = workbook.add_worksheet(statement.name.replace("/", "-")[:31])
            sheet.set_column(0, 0, 12)
            sheet.set_column(1, 3, 28)
            sheet.set_column(4, 16, 14)
            row = 0
            for label, value in (
                (_("Statement"), statement.name),
                (_("Supplier"), statement.partner_id.display_name),
                (_("Period"), f"{statement.date_from} - {statement.date_to}"),
            ):
                sheet.write(row, 0, label, bold)
                sheet.write(row, 1, value)
                row += 1
            for label, value in (
                (_("Opening Balance"), statement.amount_opening),
                (_("Received Value"), statement.amount_received),
                (_("Billed"), statement.amount_billed),
                (_("Credited"), statement.amount_credited),
                (_("Paid"), statement.amount_paid),
                (_("Balance"), statement.amount_balance),
                (_("Received, Not Billed"), statement.diff_received_not_billed),
                (_("Billed, Not Received"), statement.diff_billed_not_received),
                (_("Price Differences"), statement.diff_price),
            ):
                sheet.write(row, 0, label, bold)
                sheet.write_number(row, 1, value, money)
                row += 1
            row += 1
            headers = [
                _("Date"),
                _("Type"),
                _("Document"),
                _("Product"),
                _("Unit"),
                _("Ordered"),
                _("Received"),
                _("Billed"),
                _("Order Price"),
                _("Bill Price"),
                _("Received Value"),
                _("Billed Value"),
                _("Amount"),
                _("Difference"),
                _("Difference Amount"),
                _("Your Answer"),
                _("Your Comment"),
            ]
            sheet.write_row(row, 0, headers, bold)
            Line = self.env["boh.supplier.statement.line"]
            types = dict(Line._fields["line_type"]._description_selection(self.env))
            diffs = dict(
                Line._fields["difference_type"]._description_selection(self.env)
            )
            answers = dict(
                Line._fields["supplier_status"]._description_selection(self.env)
            )
            for line in statement.line_ids:
                row += 1
                if line.date:
                    sheet.write_datetime(row, 0, _as_datetime(line.date), date_format)
                sheet.write(row, 1, types.get(line.line_type, ""))
                sheet.write(row, 2, line.reference or "")
                sheet.write(row, 3, line.product_id.display_name or "")
                sheet.write(row, 4, line.product_uom_id.name or "")
                for col, value, fmt in (
                    (5, line.qty_ordered, qty),
                    (6, line.qty_received, qty),
                    (7, line.qty_billed, qty),
                    (8, line.price_unit_po, money),
                    (9, line.price_unit_bill, money),
                    (10, line.amount_received, money),
                    (11, line.amount_billed, money),
                    (12, line.amount, money),
                ):
                    sheet.write_number(row, col, value, fmt)
                sheet.write(row, 13, diffs.get(line.difference_type, ""))
                sheet.write_number(row, 14, line.difference_amount, money)
                sheet.write(row, 15, answers.get(line.supplier_status, ""))
                sheet.write(row, 16, line.supplier_comment or "")


def _as_datetime(day):
    from datetime import datetime

    return datetime(day.year, day.month, day.day)
