from odoo import _, models


class BohClaimXlsx(models.AbstractModel):
    """Receiving claims as an Excel sheet."""

    _name = "report.boh_receiving.claim_xlsx"
    _inherit = "report.boh_ordering.xlsx_base"
    _description = "BOH Claim XLSX Report"

    def generate_xlsx_report(self, workbook, data, claims):
        formats = self._boh_formats(workbook)
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
        sheet = self._boh_add_sheet(workbook, _("Claims"), headers, formats)
        reasons = self._boh_selection_labels(claims, "reason")
        states = self._boh_selection_labels(claims, "state")
        row = 0
        for row, claim in enumerate(claims, start=1):
            self._boh_write_row(
                sheet,
                row,
                [
                    claim.name,
                    (claim.create_date, formats["date"]),
                    claim.store_id.display_name,
                    claim.order_id.name or "",
                    claim.partner_id.display_name or "",
                    claim.purchase_id.name or "",
                    claim.product_id.display_name,
                    claim.qty_claimed,
                    claim.product_uom_id.name,
                    reasons.get(claim.reason, ""),
                    (claim.amount, formats["money"]),
                    states.get(claim.state, ""),
                    claim.note or "",
                ],
            )
        sheet.set_column(0, 6, 20)
        return row
