from odoo import _, models


class BohWasteXlsx(models.AbstractModel):
    """Waste entries as an Excel sheet, with a total by reason."""

    _name = "report.boh_store_ops.waste_xlsx"
    _inherit = "report.boh_ordering.xlsx_base"
    _description = "BOH Waste XLSX Report"

    def generate_xlsx_report(self, workbook, data, wastes):
        formats = self._boh_formats(workbook)
        money = formats["money"]
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
        sheet = self._boh_add_sheet(workbook, _("Waste"), headers, formats)
        reasons = self._boh_selection_labels(wastes, "reason")
        states = self._boh_selection_labels(wastes, "state")
        totals = {}
        row = 0
        for row, waste in enumerate(wastes.sorted(lambda w: (w.date, w.id)), start=1):
            self._boh_write_row(
                sheet,
                row,
                [
                    waste.name,
                    (waste.date, formats["date"]),
                    waste.store_id.display_name,
                    waste.product_id.display_name,
                    waste.quantity,
                    waste.product_uom_id.name,
                    reasons.get(waste.reason, ""),
                    (waste.unit_cost, money),
                    (waste.amount, money),
                    states.get(waste.state, ""),
                ],
            )
            if waste.state == "done":
                totals[waste.reason] = totals.get(waste.reason, 0.0) + waste.amount
        sheet.set_column(0, 3, 22)
        summary = self._boh_add_sheet(
            workbook, _("By Reason"), [_("Reason"), _("Value")], formats, width=20
        )
        for line, (reason, amount) in enumerate(sorted(totals.items()), start=1):
            self._boh_write_row(
                summary, line, [reasons.get(reason, reason), (amount, money)]
            )
        self._boh_write_row(
            summary,
            len(totals) + 1,
            [(_("Total"), formats["bold"]), (sum(totals.values()), money)],
        )
        return row
