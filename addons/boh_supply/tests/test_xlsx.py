import io
from datetime import date

from odoo.tests.common import BaseCase

from ..lib.xlsx import forecast_workbook


class TestForecastXlsx(BaseCase):
    """The shared forecast's spreadsheet, built without a database."""

    def test_workbook_rows(self):
        import openpyxl

        rows = [
            {
                "week": date(2025, 3, 3),
                "warehouse": "Store A",
                "product": "Beef",
                "uom": "kg",
                "forecast_qty": 12.5,
                "ordered_qty": 10.0,
            },
            {
                "week": "2025-03-10",
                "warehouse": "Store B",
                "product": "Pork",
                "uom": "kg",
                "forecast_qty": 0.0,
                "ordered_qty": 4.0,
            },
        ]
        headers = ["Week", "Site", "Product", "Unit", "Forecast", "Ordered"]
        content = forecast_workbook(rows, headers, "Forecast")
        sheet = openpyxl.load_workbook(io.BytesIO(content))["Forecast"]
        values = [list(row) for row in sheet.iter_rows(values_only=True)]
        self.assertEqual(values[0], headers)
        self.assertEqual(values[1][0].date(), date(2025, 3, 3))
        self.assertEqual(values[1][1:], ["Store A", "Beef", "kg", 12.5, 10])
        self.assertEqual(values[2][0].date(), date(2025, 3, 10))
        self.assertEqual(values[2][1:], ["Store B", "Pork", "kg", 0, 4])
        self.assertEqual(len(values), 3)
