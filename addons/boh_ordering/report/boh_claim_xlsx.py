from odoo import _, models


class BohClaimXlsx(models.AbstractModel):
    """Receiving claims as an Excel sheet."""

    _name = "report.boh_ordering.claim_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "BOH Claim XLSX Report"

    def generate_xlsx_report(self, workbook, data, claims):
        bold = workbook.add_format({"bold": True})
        date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
        money = workbook.add_format({"num_format": "#,##0.00"})
        sheet = workbook.add_worksheet(_("Claims"))
        headers = [
            _("Reference"),
            _("Date"),
            _("Store"),
            _("Store Order"),
            _("Supplier"),
            _("Purchase Order"),
            _("Product"),
            _("Claimed Quantity"),
            _("Unit"),
            _("Reason"),
            _("Value"),
            _("Status"),
            _("Note"),
        ]
        sheet.write_row(0, 0, headers, bold)
        reasons = dict(claims._fields["reason"]._description_selection(self.env))
        states = dict(claims._fields["state"]._description_selection(self.env))
        row = 0
        for row, claim in enumerate(claims, start=1):
            sheet.write(row, 0, claim.name)
            sheet.write_datetime(row, 1, claim.create_date, date_format)
            sheet.write(row, 2, claim.store_id.display_name)
            sheet.write(row, 3, claim.order_id.name or "")
            sheet.write(row, 4, claim.partner_id.display_name or "")
            sheet.write(row, 5, claim.purchase_id.name or "")
            sheet.write(row, 6, claim.product_id.display_name)
            sheet.write_number(row, 7, claim.qty_claimed)
            sheet.write(row, 8, claim.product_uom_id.name)
            sheet.write(row, 9, reasons.get(claim.reason, ""))
            sheet.write_number(row, 10, claim.amount, money)
            sheet.write(row, 11, states.get(claim.state, ""))
            sheet.write(row, 12, claim.note or "")
        sheet.set_column(0, 6, 20)
        return row
