"""Supplier portal: the supplier's scorecard (on time, in full, fill rate,
claims, prices) and the receipts behind each figure."""

from datetime import timedelta

from odoo import _, fields, http
from odoo.exceptions import ValidationError
from odoo.http import request

from .portal_base import BohPortalBase


class BohScorecardPortal(BohPortalBase):
    def _boh_period(self, date_from, date_to):
        """``(start, stop, error)``: the period asked for, or the last 90 days
        and the message saying which date was refused."""
        today = fields.Date.context_today(request.env.user)
        label = _("Scorecard")
        try:
            start = self._boh_date(date_from, label, _("From")) or (
                today - timedelta(days=90)
            )
            stop = self._boh_date(date_to, label, _("To")) or today
        except ValidationError as exc:
            return today - timedelta(days=90), today, exc.args[0]
        if start > stop:
            start, stop = stop, start
        # At most two years, to keep the page fast.
        start = max(start, stop - timedelta(days=731))
        return start, stop, None

    def _boh_scorecard_labels(self):
        """The scorecard's figures and their labels, in the supplier's language
        (the back office's labels of the same figures)."""
        return [
            ("on_time", _("On Time %")),
            ("in_full", _("In Full %")),
            ("otif", _("OTIF %")),
            ("fill_rate", _("Fill Rate %")),
            ("claims_per_100", _("Claims / 100 Lines")),
            ("price_variance", _("Price Variance %")),
            ("lead_time_adherence", _("Lead Time Adherence %")),
        ]

    @http.route("/my/boh/scorecard", type="http", auth="user", website=True)
    def boh_portal_scorecard(
        self, date_from=None, date_to=None, granularity="month", **kw
    ):
        supplier = self._boh_supplier()
        start, stop, error = self._boh_period(date_from, date_to)
        granularity = granularity if granularity in ("week", "month") else "month"
        # sudo: receipts are not readable by portal users; the queries are
        # filtered on their supplier
        Scorecard = request.env["boh.supply.scorecard"].sudo()
        totals, trends = Scorecard.get_scorecards_and_trend(
            start, stop, granularity, [supplier.id]
        )
        figures, trend = totals.get(supplier.id), trends.get(supplier.id, [])
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "figures": figures,
                "labels": self._boh_scorecard_labels(),
                "trend": trend,
                "date_from": start.isoformat(),
                "date_to": stop.isoformat(),
                "granularity": granularity,
                "error": error,
                "page_name": "boh_scorecard",
            }
        )
        return request.render("boh_supply.portal_my_scorecard", values)

    @http.route("/my/boh/scorecard/receipts", type="http", auth="user", website=True)
    def boh_portal_scorecard_receipts(
        self, date_from=None, date_to=None, figure=None, **kw
    ):
        supplier = self._boh_supplier()
        start, stop, error = self._boh_period(date_from, date_to)
        # sudo: receipts are not readable by portal users; filtered on their supplier
        line_ids = (
            request.env["boh.supply.scorecard"]
            .sudo()
            .get_drill_line_ids(supplier.id, start, stop, figure)
        )
        moves = (
            request.env["stock.move"]
            .sudo()
            .search(
                [
                    ("purchase_line_id", "in", line_ids),
                    ("state", "=", "done"),
                    ("location_id.usage", "=", "supplier"),
                ],
                order="date desc",
                limit=500,
            )
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "moves": moves,
                "figure": figure,
                "error": error,
                "date_from": start.isoformat(),
                "date_to": stop.isoformat(),
                "page_name": "boh_scorecard",
            }
        )
        return request.render("boh_supply.portal_my_scorecard_receipts", values)
