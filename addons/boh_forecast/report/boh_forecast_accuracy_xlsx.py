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
        if records._name == "boh.forecast.value.added":
            self._write_value_added_sheet(workbook, records, formats)
            return
        self._write_accuracy_sheet(workbook, records, formats)
        # the overrides of the same stores over the same days
        dates = records.mapped("date")
        value_added = self.env["boh.forecast.value.added"]
        if dates:
            value_added = value_added.search(
                [
                    ("store_id", "in", records.store_id.ids),
                    ("date_to", ">=", min(dates)),
                    ("date_to", "<=", max(dates)),
                ]
            )
        self._write_value_added_sheet(workbook, value_added, formats)

    def _write_accuracy_sheet(self, workbook, records, formats):
        bold, percent, number = (formats[k] for k in ("bold", "percent", "number"))
        sheet = workbook.add_worksheet(_("Accuracy"))
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
        sheet.write_row(0, 0, headers, bold)
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

    def _write_value_added_sheet(self, workbook, records, formats):
        """Per store and product: suggestion and order errors, value added."""
        bold, percent, number = (formats[k] for k in ("bold", "percent", "number"))
        sheet = workbook.add_worksheet(_("Override Value Added"))
        headers = [
            _("Store"),
            _("Product"),
            _("Lines"),
            _("Overridden Lines"),
            _("Actual Demand"),
            _("Need"),
            _("Suggested"),
            _("Ordered"),
            _("Suggestion Error %"),
            _("Order Error %"),
            _("Value Added"),
            _("Value Added %"),
        ]
        sheet.write_row(0, 0, headers, bold)
        groups = {}
        for rec in records:
            groups.setdefault((rec.store_id, rec.product_id), []).append(rec)
        row = 1
        for (store, product), recs in sorted(
            groups.items(),
            key=lambda kv: (kv[0][0].code or "", kv[0][1].display_name),
        ):
            figures = accuracy.override_value_added(
                [r.actual for r in recs],
                [r.need for r in recs],
                [r.suggested for r in recs],
                [r.ordered for r in recs],
            )
            values = [
                store.display_name,
                product.display_name,
                len(recs),
                sum(1 for r in recs if r.overridden),
            ]
            for col, value in enumerate(values):
                sheet.write(row, col, value)
            for col, key in enumerate(("actual", "need", "suggested", "ordered"), 4):
                sheet.write(row, col, sum(r[key] for r in recs), number)
            for col, key, fmt in (
                (8, "suggested_wape", percent),
                (9, "ordered_wape", percent),
                (10, "value_added", number),
                (11, "value_added_pct", percent),
            ):
                if figures[key] is not None:
                    sheet.write(row, col, figures[key], fmt)
            row += 1
        sheet.freeze_panes(1, 0)


class BohForecastValueAddedXlsx(models.AbstractModel):
    """The value added by overrides as an XLSX sheet."""

    _name = "report.boh_forecast.value_added_xlsx"
    _inherit = "report.boh_forecast.accuracy_xlsx"
    _description = "BOH Forecast Value Added XLSX"
