from odoo import api, fields, models
from odoo.tools import SQL

from .boh_forecast import KEPT_HORIZONS

# Ratio measures: a group shows the ratio of its sums (see lib/accuracy.py),
# never an average of the rows' ratios.
RATIOS = {
    "wape": ("abs_error", "actual"),
    "bias": ("error", "actual"),
    "mase": ("abs_error", "naive_abs_error"),
}


class BohForecastAccuracy(models.Model):
    """Forecast against actual demand, per store, product, day and horizon.

    Rows are refreshed by each forecast run for the days already past; days
    out of stock are left out (their demand is unknown).  In pivot and graph
    views WAPE, bias and MASE of a group are computed from the group's sums:
    ``sum |error| / sum actual``, ``sum error / sum actual`` and
    ``sum |error| / sum |naive error|`` (same weekday of the week before).
    """

    _name = "boh.forecast.accuracy"
    _inherit = ["boh.forecast.ratio.mixin"]
    _boh_ratios = RATIOS
    _description = "BOH Forecast Accuracy"
    _order = "date desc, store_id, product_id"
    _rec_name = "product_id"

    store_id = fields.Many2one("boh.store", required=True, index=True, readonly=True)
    product_id = fields.Many2one(
        "product.product", required=True, index=True, readonly=True
    )
    categ_id = fields.Many2one("product.category", string="Category", readonly=True)
    date = fields.Date(required=True, index=True, readonly=True)
    horizon = fields.Integer(
        readonly=True, aggregator=None, help="Days ahead the forecast was made."
    )
    model = fields.Char(readonly=True)
    run_id = fields.Many2one("boh.forecast.run", readonly=True, ondelete="set null")
    actual = fields.Float(readonly=True, digits="Product Unit of Measure")
    forecast = fields.Float(readonly=True, digits="Product Unit of Measure")
    error = fields.Float(readonly=True, help="Forecast minus actual.")
    abs_error = fields.Float(string="Absolute Error", readonly=True)
    naive_abs_error = fields.Float(
        string="Naive Absolute Error",
        readonly=True,
        help="Error of the forecast 'same as the same weekday last week'.",
    )
    wape = fields.Float(string="WAPE", readonly=True, aggregator="avg")
    bias = fields.Float(readonly=True, aggregator="avg")
    mase = fields.Float(string="MASE", readonly=True, aggregator="avg")
    company_id = fields.Many2one("res.company", required=True, readonly=True)

    _sql_constraints = [
        (
            "key_unique",
            "unique(store_id, product_id, date, horizon)",
            "One accuracy row per store, product, day and horizon.",
        ),
    ]

    @api.model
    def _refresh(self, store, date_from, date_to):
        """Compare the kept forecasts of days in [date_from, date_to) with sales."""
        self.env["boh.forecast"].flush_model()
        self.env["boh.demand.daily"].flush_model()
        self.flush_model()
        self.env.cr.execute(
            SQL(
                "DELETE FROM boh_forecast_accuracy"
                " WHERE store_id = %s AND date >= %s AND date < %s",
                store.id,
                str(date_from),
                str(date_to),
            )
        )
        self.env.cr.execute(
            SQL(
                """
                WITH actual AS (
                    SELECT product_id, date, SUM(qty) AS qty,
                           BOOL_OR(stockout) AS stockout
                      FROM boh_demand_daily
                     WHERE store_id = %(store)s
                       AND date >= %(start)s::date - 7 AND date < %(end)s
                     GROUP BY product_id, date
                ),
                fc AS (
                    SELECT DISTINCT ON (product_id, date, horizon)
                           product_id, date, horizon, qty, model, run_id
                      FROM boh_forecast
                     WHERE store_id = %(store)s AND date >= %(start)s
                       AND date < %(end)s AND horizon = ANY(%(horizons)s)
                     ORDER BY product_id, date, horizon, run_id DESC
                )
                INSERT INTO boh_forecast_accuracy AS a (store_id, product_id,
                    categ_id, date, horizon, model, run_id, actual, forecast, error,
                    abs_error, naive_abs_error, wape, bias, mase, company_id,
                    create_uid, create_date, write_uid, write_date)
                SELECT %(store)s, fc.product_id, t.categ_id, fc.date, fc.horizon,
                       fc.model, fc.run_id, COALESCE(a0.qty, 0), fc.qty,
                       fc.qty - COALESCE(a0.qty, 0),
                       ABS(fc.qty - COALESCE(a0.qty, 0)),
                       ABS(COALESCE(a0.qty, 0) - COALESCE(a7.qty, 0)),
                       ABS(fc.qty - COALESCE(a0.qty, 0))
                           / NULLIF(COALESCE(a0.qty, 0), 0),
                       (fc.qty - COALESCE(a0.qty, 0))
                           / NULLIF(COALESCE(a0.qty, 0), 0),
                       ABS(fc.qty - COALESCE(a0.qty, 0))
                           / NULLIF(ABS(COALESCE(a0.qty, 0) - COALESCE(a7.qty, 0)), 0),
                       %(company)s, %(uid)s, now() at time zone 'UTC', %(uid)s,
                       now() at time zone 'UTC'
                  FROM fc
                  JOIN product_product p ON p.id = fc.product_id
                  JOIN product_template t ON t.id = p.product_tmpl_id
                  LEFT JOIN actual a0 ON a0.product_id = fc.product_id
                                     AND a0.date = fc.date
                  LEFT JOIN actual a7 ON a7.product_id = fc.product_id
                                     AND a7.date = fc.date - 7
                 WHERE NOT COALESCE(a0.stockout, false)
                ON CONFLICT (store_id, product_id, date, horizon) DO UPDATE
                   SET model = EXCLUDED.model, run_id = EXCLUDED.run_id,
                       actual = EXCLUDED.actual, forecast = EXCLUDED.forecast,
                       error = EXCLUDED.error, abs_error = EXCLUDED.abs_error,
                       naive_abs_error = EXCLUDED.naive_abs_error,
                       wape = EXCLUDED.wape, bias = EXCLUDED.bias,
                       mase = EXCLUDED.mase, write_date = EXCLUDED.write_date
                """,
                store=store.id,
                company=store.company_id.id,
                uid=self.env.uid,
                start=str(date_from),
                end=str(date_to),
                horizons=list(KEPT_HORIZONS),
            )
        )
        count = self.env.cr.rowcount
        self.invalidate_model()
        return count

    def action_export_xlsx(self):
        return self.env.ref("boh_forecast.boh_forecast_accuracy_xlsx").report_action(
            self
        )
