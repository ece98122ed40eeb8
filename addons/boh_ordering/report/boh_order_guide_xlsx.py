from odoo import models
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
    _inherit = "report.boh_ordering.xlsx_base"
    _description = "BOH Order Guide XLSX"

    def generate_xlsx_report(self, workbook, data, guides):
        formats = self._boh_formats(workbook)
        labels = [label for _key, label in GUIDE_COLUMNS]
        for guide in guides:
            sheet = self._boh_add_sheet(workbook, guide.name, labels, formats, 16)
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
                self._boh_write_row(sheet, row, values)
