from odoo import _, models

from odoo.addons.boh_forecast.lib import accuracy


class BohForecastAccuracyXlsx(models.AbstractModel):
    """The accuracy export adds the value added by the stores' overrides."""

    _inherit = "report.boh_forecast.accuracy_xlsx"

    def _write_sheets(self, workbook, records, formats):
        if records._name == "boh.forecast.value.added":
            self._write_value_added_sheet(workbook, records, formats)
            return
        super()._write_sheets(workbook, records, formats)
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

    def _write_value_added_sheet(self, workbook, records, formats):
        """Per store and product: suggestion and order errors, value added."""
        percent, number = formats["percent"], formats["number"]
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
        rows = []
        for (store, product), recs in self._sorted_groups(
            records,
            lambda rec: (rec.store_id, rec.product_id),
            lambda key: (key[0].code or "", key[1].display_name),
        ):
            figures = accuracy.override_value_added(
                [r.actual for r in recs],
                [r.need for r in recs],
                [r.suggested for r in recs],
                [r.ordered for r in recs],
            )
            rows.append(
                [
                    (store.display_name, None),
                    (product.display_name, None),
                    (len(recs), None),
                    (sum(1 for r in recs if r.overridden), None),
                    *(
                        (sum(r[key] for r in recs), number)
                        for key in ("actual", "need", "suggested", "ordered")
                    ),
                    (figures["suggested_wape"], percent),
                    (figures["ordered_wape"], percent),
                    (figures["value_added"], number),
                    (figures["value_added_pct"], percent),
                ]
            )
        self._write_sheet(workbook, _("Override Value Added"), headers, rows, formats)


class BohForecastValueAddedXlsx(models.AbstractModel):
    """The value added by overrides as an XLSX sheet."""

    _name = "report.boh_forecast.value_added_xlsx"
    _inherit = "report.boh_forecast.accuracy_xlsx"
    _description = "BOH Forecast Value Added XLSX"
