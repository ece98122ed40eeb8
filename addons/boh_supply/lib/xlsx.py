"""Spreadsheets for suppliers, in plain Python (xlsxwriter, no Odoo import)."""

import io
from datetime import date, datetime

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def forecast_workbook(rows, headers, sheet_name):
    """The shared forecast as XLSX bytes.

    ``rows``: ``{"week", "warehouse", "product", "uom", "forecast_qty",
    "ordered_qty"}`` dicts (``week`` a date or an ISO date string);
    ``headers``: the six column titles, translated by the caller.
    """
    import xlsxwriter

    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, {"in_memory": True})
    sheet = workbook.add_worksheet(sheet_name)
    bold = workbook.add_format({"bold": True})
    date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write_row(0, 0, headers, bold)
    for index, row in enumerate(rows, start=1):
        sheet.write_datetime(index, 0, _to_datetime(row["week"]), date_format)
        sheet.write(index, 1, row["warehouse"])
        sheet.write(index, 2, row["product"])
        sheet.write(index, 3, row["uom"])
        sheet.write_number(index, 4, row["forecast_qty"])
        sheet.write_number(index, 5, row["ordered_qty"])
    workbook.close()
    return output.getvalue()


def _to_datetime(value):
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    return datetime.fromisoformat(str(value))
