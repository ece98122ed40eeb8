from odoo import _, models


class ReportStoreOrderXlsx(models.AbstractModel):
    """Store orders and their lines as an Excel sheet."""

    _name = "report.boh_ordering.store_order_xlsx"
    _inherit = "report.boh_ordering.xlsx_base"
    _description = "BOH Store Order XLSX"

    def generate_xlsx_report(self, workbook, data, orders):
        formats = self._boh_formats(workbook)
        headers = [
            _("Order"),
            _("Store"),
            _("Source"),
            _("Delivery Date"),
            _("Status"),
            _("Product Code"),
            _("Product"),
            _("Unit"),
            _("On Hand"),
            _("On Order"),
            _("Par"),
            _("Suggested"),
            _("Ordered"),
            _("Override Reason"),
            _("Unit Price"),
            _("Amount"),
        ]
        sheet = self._boh_add_sheet(
            workbook, _("Store Orders"), headers, formats, width=14
        )
        states = self._boh_selection_labels(orders, "state")
        row = 1
        for order in orders:
            source = order.source_store_id.display_name or order.partner_id.name
            for line in order.line_ids:
                values = [
                    order.name,
                    order.store_id.display_name,
                    source,
                    str(order.delivery_date),
                    states.get(order.state),
                    line.product_id.default_code or "",
                    line.product_id.name,
                    line.product_uom_id.name,
                    line.qty_on_hand,
                    line.qty_on_order,
                    line.qty_par,
                    line.qty_suggested,
                    line.qty_ordered,
                    line.override_reason or "",
                    line.price_unit,
                    line.price_subtotal,
                ]
                self._boh_write_row(sheet, row, values)
                row += 1
