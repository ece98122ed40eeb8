from odoo import api, fields, models
from odoo.tools import SQL

# Horizons (days ahead) whose forecasts are kept after a newer run, for the
# accuracy reports; other forecasts of older runs are pruned.
KEPT_HORIZONS = (1, 7, 14)


class BohForecast(models.Model):
    """Forecast demand of a store, product and day, written by a forecast run.

    Rows are inserted in bulk by the run's jobs.  ``is_current`` marks the rows
    of the latest run of each store (what the order suggestions use); rows of
    older runs are kept only for the horizons of :data:`KEPT_HORIZONS`, which
    the accuracy report compares with what was actually sold.
    """

    _name = "boh.forecast"
    _inherit = ["boh.guard.mixin"]
    _description = "BOH Forecast"
    _order = "date, store_id, product_id"
    _rec_name = "product_id"

    run_id = fields.Many2one(
        "boh.forecast.run", required=True, ondelete="cascade", index=True
    )
    store_id = fields.Many2one("boh.store", required=True, index=True)
    product_id = fields.Many2one("product.product", required=True, index=True)
    categ_id = fields.Many2one(related="product_id.categ_id", string="Category")
    date = fields.Date(required=True, index=True)
    horizon = fields.Integer(
        help="Days between the first day of the run and this day, plus one."
    )
    qty = fields.Float(string="Forecast", digits="Product Unit of Measure")
    p10 = fields.Float(string="P10", digits="Product Unit of Measure")
    p50 = fields.Float(string="P50", digits="Product Unit of Measure")
    p90 = fields.Float(string="P90", digits="Product Unit of Measure")
    model = fields.Char(help="Forecasting model chosen for this series.")
    is_current = fields.Boolean(
        string="Current", index=True, help="Row of the store's latest run."
    )
    company_id = fields.Many2one("res.company", required=True, index=True)

    # The figures are the engine's (bulk SQL of the run's jobs): nobody edits
    # a forecast number, the store and day a row belongs to never change.
    _boh_workflow_fields = frozenset(
        {"qty", "p10", "p50", "p90", "model", "horizon", "is_current"}
    )
    _boh_create_only_fields = frozenset(
        {"run_id", "store_id", "product_id", "date", "company_id"}
    )

    _sql_constraints = [
        (
            "key_unique",
            "unique(run_id, store_id, product_id, date)",
            "One forecast per run, store, product and day.",
        ),
    ]

    def init(self):
        self.env.cr.execute(
            SQL(
                "CREATE INDEX IF NOT EXISTS boh_forecast_current_idx"
                " ON boh_forecast (store_id, product_id, date) WHERE is_current"
            )
        )

    @api.model
    def _write_store_forecasts(self, run, store, origin, forecasts):
        """Replace the current forecasts of ``store`` by those of ``run``.

        ``forecasts``: arrays ``item``, ``date``, ``qty``, ``p10``, ``p50``,
        ``p90``, ``model`` (see ``services.engine.forecast_store``).
        Returns the number of rows inserted.
        """
        cr = self.env.cr
        self.flush_model()
        cr.execute(
            SQL(
                "UPDATE boh_forecast SET is_current = false"
                " WHERE store_id = %s AND is_current",
                store.id,
            )
        )
        cr.execute(
            SQL(
                "DELETE FROM boh_forecast WHERE store_id = %s AND run_id = %s",
                store.id,
                run.id,
            )
        )
        count = len(forecasts["item"])
        if count:
            horizons = [(d - origin).days + 1 for d in forecasts["date"]]
            cr.execute(
                SQL(
                    """
                    INSERT INTO boh_forecast (run_id, store_id, product_id, date,
                        horizon, qty, p10, p50, p90, model, is_current, company_id,
                        create_uid, create_date, write_uid, write_date)
                    SELECT %(run)s, %(store)s, u.product_id, u.day, u.horizon,
                           u.qty, u.p10, u.p50, u.p90, u.model, true, %(company)s,
                           %(uid)s, now() at time zone 'UTC', %(uid)s,
                           now() at time zone 'UTC'
                      FROM unnest(%(products)s::int[], %(dates)s::date[],
                                  %(horizons)s::int[], %(qty)s::float8[],
                                  %(p10)s::float8[], %(p50)s::float8[],
                                  %(p90)s::float8[], %(models)s::varchar[])
                           AS u(product_id, day, horizon, qty, p10, p50, p90, model)
                    """,
                    run=run.id,
                    store=store.id,
                    company=store.company_id.id,
                    uid=self.env.uid,
                    products=[int(x) for x in forecasts["item"]],
                    dates=[str(x) for x in forecasts["date"]],
                    horizons=horizons,
                    qty=[float(x) for x in forecasts["qty"]],
                    p10=[float(x) for x in forecasts["p10"]],
                    p50=[float(x) for x in forecasts["p50"]],
                    p90=[float(x) for x in forecasts["p90"]],
                    models=[str(x) for x in forecasts["model"]],
                )
            )
        cr.execute(
            SQL(
                "DELETE FROM boh_forecast WHERE store_id = %s AND NOT is_current"
                " AND horizon != ALL(%s)",
                store.id,
                list(KEPT_HORIZONS),
            )
        )
        self.invalidate_model()
        return count

    @api.model
    def _get_current(self, store_ids, product_ids, date_from, days):
        """Current daily forecasts as ``{(store, product): (qty, p10, p90)}``.

        Each value holds three lists of ``days`` numbers starting at
        ``date_from``; days without a forecast row are 0.  Unchecked access:
        callers read for records the user may already see.
        """
        self.flush_model()
        self.env.cr.execute(
            SQL(
                """
                SELECT store_id, product_id, date - %(start)s::date, qty, p10, p90
                  FROM boh_forecast
                 WHERE is_current AND store_id = ANY(%(stores)s)
                   AND product_id = ANY(%(products)s)
                   AND date >= %(start)s::date
                   AND date < %(start)s::date + %(days)s
                """,
                start=str(date_from),
                days=int(days),
                stores=list(store_ids),
                products=list(product_ids),
            )
        )
        out = {}
        for store_id, product_id, offset, qty, p10, p90 in self.env.cr.fetchall():
            key = (store_id, product_id)
            if key not in out:
                out[key] = ([0.0] * days, [0.0] * days, [0.0] * days)
            out[key][0][offset] = qty
            out[key][1][offset] = p10
            out[key][2][offset] = p90
        return out
