from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

# States of an order whose quantities were decided (the draft can still change).
DECIDED_STATES = ("submitted", "approved", "fulfilling", "received", "closed")
# Ratio measures: a group shows the ratio of its sums, as in the accuracy model.
RATIOS = {
    "suggested_wape": ("suggested_abs_error", "actual"),
    "ordered_wape": ("ordered_abs_error", "actual"),
    "value_added_pct": ("value_added", "actual"),
}
# Longest coverage looked back for (lead time plus review period).
MAX_COVERAGE_DAYS = 60


class BohForecastValueAdded(models.Model):
    """Value added (or lost) by the stores' overrides of the suggestions.

    One row per decided store order line whose quantity was suggested from
    the forecast, once its coverage is over.  The coverage is the period the
    order had to cover: from the day of the suggestion (delivery date minus
    the lead time) to the next delivery (delivery date plus the review
    period).  The quantity that would have covered the actual demand exactly
    is ``need = max(actual - on hand - on order, 0)``; the error of a quantity
    is ``quantity - need``.  ``value_added = |suggested error| - |ordered
    error|``: positive when the store's override came closer to the actual
    demand than the suggestion, negative when it did worse.  Lines whose
    coverage has a day out of stock are left out (their demand is unknown).
    In pivot and graph views the percentages of a group are the ratios of its
    sums over the actual demand.
    """

    _name = "boh.forecast.value.added"
    _inherit = ["boh.forecast.ratio.mixin"]
    _boh_ratios = RATIOS
    _description = "BOH Forecast Value Added of Overrides"
    _order = "date_to desc, store_id, product_id"
    _rec_name = "product_id"

    order_line_id = fields.Many2one(
        "boh.store.order.line", required=True, ondelete="cascade", readonly=True
    )
    order_id = fields.Many2one("boh.store.order", readonly=True, index=True)
    store_id = fields.Many2one("boh.store", required=True, index=True, readonly=True)
    product_id = fields.Many2one(
        "product.product", required=True, index=True, readonly=True
    )
    categ_id = fields.Many2one("product.category", string="Category", readonly=True)
    user_id = fields.Many2one("res.users", string="Ordered By", readonly=True)
    delivery_date = fields.Date(readonly=True)
    date_from = fields.Date(string="Coverage From", readonly=True)
    date_to = fields.Date(string="Coverage To", readonly=True, index=True)
    coverage_days = fields.Integer(readonly=True, aggregator=None)
    overridden = fields.Boolean(
        readonly=True, help="The ordered quantity differs from the suggestion."
    )
    forecast = fields.Float(
        string="Forecast over Coverage",
        readonly=True,
        digits="Product Unit of Measure",
    )
    actual = fields.Float(
        string="Actual Demand",
        readonly=True,
        digits="Product Unit of Measure",
        help="Units sold over the coverage, in the unit of the order line.",
    )
    on_hand = fields.Float(readonly=True, digits="Product Unit of Measure")
    on_order = fields.Float(readonly=True, digits="Product Unit of Measure")
    need = fields.Float(
        readonly=True,
        digits="Product Unit of Measure",
        help="The quantity that would have covered the actual demand exactly:"
        " actual demand minus on hand and on order (never below zero).",
    )
    suggested = fields.Float(readonly=True, digits="Product Unit of Measure")
    ordered = fields.Float(readonly=True, digits="Product Unit of Measure")
    suggested_error = fields.Float(readonly=True, help="Suggested minus need.")
    ordered_error = fields.Float(readonly=True, help="Ordered minus need.")
    suggested_abs_error = fields.Float(
        string="Suggestion Absolute Error", readonly=True
    )
    ordered_abs_error = fields.Float(string="Order Absolute Error", readonly=True)
    value_added = fields.Float(
        readonly=True,
        help="Absolute error of the suggestion minus absolute error of the"
        " ordered quantity: positive when the override did better.",
    )
    suggested_wape = fields.Float(
        string="Suggestion Error %", readonly=True, aggregator="avg"
    )
    ordered_wape = fields.Float(string="Order Error %", readonly=True, aggregator="avg")
    value_added_pct = fields.Float(
        string="Value Added %", readonly=True, aggregator="avg"
    )
    company_id = fields.Many2one("res.company", required=True, readonly=True)

    _sql_constraints = [
        (
            "line_unique",
            "unique(order_line_id)",
            "One value-added row per order line.",
        ),
    ]

    @api.model
    def _refresh(self, store, date_to):
        """Rows of the store's decided lines whose coverage ended before
        ``date_to`` (the first day without known sales) in the last
        ``MAX_COVERAGE_DAYS`` days; returns the number of rows written."""
        lines = self.env["boh.store.order.line"].search(
            [
                ("store_id", "=", store.id),
                ("state", "in", DECIDED_STATES),
                ("delivery_date", ">=", date_to - timedelta(days=MAX_COVERAGE_DAYS)),
                ("delivery_date", "<", date_to),
            ]
        )
        plans = {}
        for line in lines:
            expl = line.suggestion_explanation or {}
            if expl.get("method") != "forecast":
                continue
            start = line.delivery_date - timedelta(days=int(expl.get("lead_days", 0)))
            end = line.delivery_date + timedelta(days=int(expl.get("review_days", 1)))
            if end <= date_to:
                plans[line] = (start, end, expl)
        self.search([("order_line_id", "in", lines.ids)]).unlink()
        if not plans:
            return 0
        first = min(start for start, _end, _e in plans.values())
        self.env["boh.demand.daily"].flush_model()
        self.env.cr.execute(
            SQL(
                """
                SELECT product_id, date, SUM(qty), BOOL_OR(stockout)
                  FROM boh_demand_daily
                 WHERE store_id = %s AND product_id = ANY(%s)
                   AND date >= %s AND date < %s
                 GROUP BY product_id, date
                """,
                store.id,
                list({line.product_id.id for line in plans}),
                first,
                date_to,
            )
        )
        demand = {(p, d): (q, out) for p, d, q, out in self.env.cr.fetchall()}
        vals_list = []
        for line, (start, end, expl) in plans.items():
            days = [start + timedelta(days=k) for k in range((end - start).days)]
            values = [demand.get((line.product_id.id, d), (0.0, False)) for d in days]
            if any(out for _q, out in values):
                continue
            vals_list.append(line._prepare_value_added_values(start, end, expl, values))
        self.create(vals_list)
        return len(vals_list)

    def action_export_xlsx(self):
        return self.env.ref(
            "boh_forecast_ordering.boh_forecast_value_added_xlsx"
        ).report_action(self)
