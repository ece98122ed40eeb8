from odoo import _, models

from ..lib import accuracy


class BohForecastAccuracyXlsx(models.AbstractModel):
    """Accuracy per store, product, model and horizon as an XLSX sheet."""

    _name = "report.boh_forecast.accuracy_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "BOH Forecast Accuracy XLSX"

    def generate_xlsx_report(self, workbook, data, records):
        sheet = workbook.add_worksheet(_("Accuracy"))
        bold = workbook.add_format({"bold": True})
        percent = workbook.add_format({"num_format": "0.0%"})
        number = workbook.add_format({"num_format": "0.00"})
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
        for col, title in enumerate(headers):
            sheet.write(0, col, title, bold)
        groups = {}
        for rec in records:
            key = (rec.store_id, rec.product_id, rec.model or "", rec.horizon)
            groups.setdefault(key, []).append(rec)
        row = 1
        for (store, product, model, horizon), recs in sorted(
            groups.items(),
            key=lambda kv: (kv[0][0].code or "", kv[0][1].display_name, kv[0][2:]),
        ):
            actual = [r.actual for r in recs]
            forecast = [r.forecast for r in recs]
            naive = [r.naive_abs_error for r in recs]
            values = [
                store.display_name,
                product.display_name,
                model,
                horizon,
                len(recs),
                sum(actual),
                sum(forecast),
            ]
            for col, value in enumerate(values):
                sheet.write(row, col, value, number if col >= 5 else None)
            for col, value in (
                (7, accuracy.wape(actual, forecast)),
                (8, accuracy.bias(actual, forecast)),
                (9, accuracy.mase(actual, forecast, naive)),
            ):
                if value is not None:
                    sheet.write(row, col, value, percent if col < 9 else number)
            row += 1
        sheet.freeze_panes(1, 0)
