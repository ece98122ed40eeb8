"""Supplier portal: the demand forecast shared with the supplier, as a page
and as a spreadsheet (built by ``lib/xlsx``)."""

from datetime import date

from odoo import _, http
from odoo.http import request

from ..lib.xlsx import XLSX_MIMETYPE, forecast_workbook
from .portal_base import BohPortalBase


class BohForecastPortal(BohPortalBase):
    def _boh_forecast_rows(self, weeks):
        supplier = self._boh_supplier()
        try:
            weeks = min(max(int(weeks), 1), 26)
        except (TypeError, ValueError):
            weeks = 8
        # sudo: order lines and reordering rules are not readable by portal
        # users; the forecast is computed for their supplier only
        rows = (
            request.env["boh.supply.forecast"]
            .sudo()
            ._get_shared_forecast(supplier, weeks)
        )
        return rows, weeks

    @http.route("/my/boh/forecast", type="http", auth="user", website=True)
    def boh_portal_forecast(self, weeks=8, **kw):
        rows, weeks = self._boh_forecast_rows(weeks)
        values = self._prepare_portal_layout_values()
        values.update({"rows": rows, "weeks": weeks, "page_name": "boh_forecast"})
        return request.render("boh_supply.portal_my_forecast", values)

    @http.route("/my/boh/forecast/xlsx", type="http", auth="user", website=True)
    def boh_portal_forecast_xlsx(self, weeks=8, **kw):
        rows, weeks = self._boh_forecast_rows(weeks)
        headers = [
            _("Week"),
            _("Delivery Site"),
            _("Product"),
            _("Unit"),
            _("Forecast"),
            _("Ordered"),
        ]
        content = forecast_workbook(rows, headers, _("Forecast"))
        filename = f"forecast-{date.today().isoformat()}.xlsx"
        return request.make_response(
            content,
            headers=[
                ("Content-Type", XLSX_MIMETYPE),
                ("Content-Length", len(content)),
                ("Content-Disposition", http.content_disposition(filename)),
            ],
        )
