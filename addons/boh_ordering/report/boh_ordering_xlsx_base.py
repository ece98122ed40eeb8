from odoo import models


class BohOrderingXlsxBase(models.AbstractModel):
    """What the Excel reports of store ordering share: the formats, a sheet
    with its header row, the rows, and the labels of a selection field."""

    _name = "report.boh_ordering.xlsx_base"
    _inherit = "report.report_xlsx.abstract"
    _description = "BOH Ordering XLSX Base"

    def _boh_formats(self, workbook):
        return {
            "bold": workbook.add_format({"bold": True}),
            "date": workbook.add_format({"num_format": "yyyy-mm-dd"}),
            "money": workbook.add_format({"num_format": "#,##0.00"}),
        }

    def _boh_add_sheet(self, workbook, title, headers, formats, width=None):
        """A sheet named ``title`` (at most 31 characters) with ``headers``
        (strings or lazy translations) in bold on its first row."""
        sheet = workbook.add_worksheet(str(title)[:31])
        # env._: a lazy header translates in the user's language.
        labels = [h if isinstance(h, str) else self.env._(h) for h in headers]
        sheet.write_row(0, 0, labels, formats["bold"])
        if width:
            sheet.set_column(0, len(headers) - 1, width)
        return sheet

    def _boh_write_row(self, sheet, row, values):
        """Write ``values`` on ``row``; a ``(value, format)`` pair is written
        with its format (dates, amounts)."""
        for col, value in enumerate(values):
            if isinstance(value, tuple):
                sheet.write(row, col, *value)
            else:
                sheet.write(row, col, value)

    def _boh_selection_labels(self, records, fname):
        """{value: label} of the selection field ``fname``, in the user's language."""
        return dict(records._fields[fname]._description_selection(self.env))
