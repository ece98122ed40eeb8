from odoo import _, models
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)

# The columns of the guide workbook, written in the user's language; the
# guide import reads them back in English or in the importing user's language.
GUIDE_COLUMNS = [
    ("sequence", _lt("Walk Order")),
    ("default_code", _lt("Product Code")),
    ("product", _lt("Product")),
    ("source_type", _lt("Source Type")),
    ("source_site", _lt("Source Site")),
    ("supplier", _lt("Supplier")),
    ("uom", _lt("Unit")),
    ("pack_qty", _lt("Pack Size")),
    ("qty_par", _lt("Par")),
    ("qty_min", _lt("Min")),
    ("qty_max", _lt("Max")),
]


class ReportOrderGuideXlsx(models.AbstractModel):
    """Order guides as a workbook that the guide import reads back."""

    _name = "report.boh_ordering.order_guide_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "BOH Order Guide XLSX"

    def generate_xlsx_report(self, workbook, data, guides):
        bold = workbook.add_format({"bold": True})
        for guide in guides:
            sheet = workbook.add_worksheet(guide.name[:31])
            for col, (_key, label) in enumerate(GUIDE_COLUMNS):
                sheet.write(0, col, str(label), bold)
            for row, line in enumerate(guide.line_ids, start=1):
                values = [
                    line.sequence,
                    line.product_id.default_code or "",
                    line.product_id.name,
                    line.source_type,
                    line.source_store_id.code or "",
                    line.partner_id.ref or line.partner_id.name or "",
                    line.product_uom_id.name,
                    line.pack_qty,
                    line.qty_par,
                    line.qty_min,
                    line.qty_max,
                ]
                for col, value in enumerate(values):
                    sheet.write(row, col, value)
            sheet.set_column(0, len(GUIDE_COLUMNS) - 1, 16)


class ReportStoreOrderXlsx(models.AbstractModel):
    _name = "report.boh_ordering.store_order_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "BOH Store Order XLSX"

    def generate_xlsx_report(self, workbook, data, orders):
        bold = workbook.add_format({"bold": True})
        sheet = workbook.add_worksheet(_("Store Orders"))
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
        sheet.write_row(0, 0, headers, bold)
        states = dict(orders._fields["state"]._description_selection(self.env))
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
                for col, value in enumerate(values):
                    sheet.write(row, col, value)
                row += 1
        sheet.set_column(0, len(headers) - 1, 14)
