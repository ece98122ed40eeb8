from odoo import _, models

from ..lib import accuracy


class BohForecastAccuracyXlsx(models.AbstractModel):
    """Accuracy per store, product, model and horizon as an XLSX sheet."""

    _name = "report.boh_forecast.accuracy_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "BOH Forecast Accuracy XLSX"

    def generate_xlsx_report(self, workbook, data, records):
        bold = workbook.add_format({"bold": True})
        percent = workbook.add_format({"num_format": "0.0%"})
        number = workbook.add_format({"num_format": "0.00"})
        formats = {"bold": bold, "percent": percent, "number": number}
        self._write_sheets(workbook, records, formats)

    def _write_sheets(self, workbook, records, formats):
        """The sheets of ``records``: here the accuracy of forecasts."""
        self._write_accuracy_sheet(workbook, records, formats)

    def _write_sheet(self, workbook, title, headers, rows, formats):
        """A sheet of bold, frozen ``headers`` over ``rows``: lists of
        ``(value, format)`` cells (a ``None`` value leaves its cell empty)."""
        sheet = workbook.add_worksheet(title)
        sheet.write_row(0, 0, headers, formats["bold"])
        for row, cells in enumerate(rows, 1):
            for col, (value, cell_format) in enumerate(cells):
                if value is not None:
                    sheet.write(row, col, value, cell_format)
        sheet.freeze_panes(1, 0)
        return sheet

    @staticmethod
    def _sorted_groups(records, key, order):
        """``records`` grouped by ``key(record)``: (key, records) pairs sorted by
        ``order(key)``."""
        groups = {}
        for rec in records:
            groups.setdefault(key(rec), []).append(rec)
        return sorted(groups.items(), key=lambda kv: order(kv[0]))

    def _write_accuracy_sheet(self, workbook, records, formats):
        percent, number = formats["percent"], formats["number"]
        headers = [
            _("Store"),
            _("Product"),
            _("Model"),
            _("Horizon"),
            _("Days"),
            _("Actual"),
            _("Forecast"),
            _("WAPE"),
            _("Bias"),
            _("MASE"),
        ]
        rows = []
        for (store, product, model, horizon), recs in self._sorted_groups(
            records,
            lambda rec: (rec.store_id, rec.product_id, rec.model or "", rec.horizon),
            lambda key: (key[0].code or "", key[1].display_name, key[2:]),
        ):
            actual = [r.actual for r in recs]
            forecast = [r.forecast for r in recs]
            naive = [r.naive_abs_error for r in recs]
            rows.append(
                [
                    (store.display_name, None),
                    (product.display_name, None),
                    (model, None),
                    (horizon, None),
                    (len(recs), None),
                    (sum(actual), number),
                    (sum(forecast), number),
                    (accuracy.wape(actual, forecast), percent),
                    (accuracy.bias(actual, forecast), percent),
                    (accuracy.mase(actual, forecast, naive), number),
                ]
            )
        self._write_sheet(workbook, _("Accuracy"), headers, rows, formats)
