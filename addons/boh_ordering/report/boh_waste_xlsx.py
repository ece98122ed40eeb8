from odoo import _, models


class BohWasteXlsx(models.AbstractModel):
    """Waste entries as an Excel sheet, with a total by reason."""

    _name = "report.boh_ordering.waste_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "BOH Waste XLSX Report"

    def generate_xlsx_report(self, workbook, data, wastes):
        bold = workbook.add_format({"bold": True})
        date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
        money = workbook.add_format({"num_format": "#,##0.00"})
        sheet = workbook.add_worksheet(_("Waste"))
        headers = [
            _("Reference"),
            _("Date"),
            _("Store"),
            _("Product"),
            _("Quantity"),
            _("Unit"),
            _("Reason"),
            _("Unit Cost"),
            _("Value"),
            _("Status"),
        ]
        sheet.write_row(0, 0, headers, bold)
        reasons = dict(wastes._fields["reason"]._description_selection(self.env))
        states = dict(wastes._fields["state"]._description_selection(self.env))
        totals = {}
        row = 0
        for row, waste in enumerate(wastes.sorted(lambda w: (w.date, w.id)), start=1):
            sheet.write(row, 0, waste.name)
            sheet.write_datetime(row, 1, waste.date, date_format)
            sheet.write(row, 2, waste.store_id.display_name)
            sheet.write(row, 3, waste.product_id.display_name)
            sheet.write_number(row, 4, waste.quantity)
            sheet.write(row, 5, waste.product_uom_id.name)
            sheet.write(row, 6, reasons.get(waste.reason, ""))
            sheet.write_number(row, 7, waste.unit_cost, money)
            sheet.write_number(row, 8, waste.amount, money)
            sheet.write(row, 9, states.get(waste.state, ""))
            if waste.state == "done":
                totals[waste.reason] = totals.get(waste.reason, 0.0) + waste.amount
        sheet.set_column(0, 3, 22)
        summary = workbook.add_worksheet(_("By Reason"))
        summary.write(0, 0, _("Reason"), bold)
        summary.write(0, 1, _("Value"), bold)
        for line, (reason, amount) in enumerate(sorted(totals.items()), start=1):
            summary.write(line, 0, reasons.get(reason, reason))
            summary.write_number(line, 1, amount, money)
        summary.write(len(totals) + 1, 0, _("Total"), bold)
        summary.write_number(len(totals) + 1, 1, sum(totals.values()), money)
        summary.set_column(0, 1, 20)
        return row
