import json

from odoo import _, api, fields, models
from odoo.tools import SQL

SOURCE_SELECTION = [
    ("history", "Own History"),
    ("recipe", "Recipes"),
    ("recipe_history", "Recipes and Own History"),
]
REASON_SELECTION = [
    ("backtest", "Lowest backtest WAPE"),
    ("no_history", "No own demand history"),
    ("no_usage", "No usage to compare"),
    ("no_backtest", "History too short to compare"),
]


class BohForecastRecipeChoice(models.Model):
    """Where the forecast of an ingredient in a store comes from, and why.

    One row per store and ingredient (a product some forecast dish of the
    store uses through its recipe), written by every forecast run of the
    store: the WAPE of each source over the backtest windows, the source kept
    and the dishes behind it with the quantity each takes.
    """

    _name = "boh.forecast.recipe.choice"
    _inherit = ["boh.guard.mixin"]
    _description = "BOH Ingredient Forecast Source"
    _order = "store_id, product_id"
    _rec_name = "product_id"

    store_id = fields.Many2one("boh.store", required=True, index=True, readonly=True)
    product_id = fields.Many2one(
        "product.product", string="Ingredient", required=True, readonly=True
    )
    company_id = fields.Many2one("res.company", required=True, readonly=True)
    run_id = fields.Many2one(
        "boh.forecast.run", string="Last Run", ondelete="set null", readonly=True
    )
    source = fields.Selection(SOURCE_SELECTION, required=True, readonly=True)
    reason = fields.Selection(REASON_SELECTION, required=True, readonly=True)
    explanation = fields.Char(compute="_compute_explanation")
    backtest_weeks = fields.Integer(readonly=True)
    wape_history = fields.Float(
        string="WAPE Own History (%)",
        readonly=True,
        help="Over the backtest windows; 0 when the ingredient has no demand"
        " history of its own (see the reason).",
    )
    wape_recipe = fields.Float(string="WAPE Recipes (%)", readonly=True)
    wape_recipe_history = fields.Float(
        string="WAPE Recipes and Own History (%)", readonly=True
    )
    coverage = fields.Float(
        string="P10-P90 Coverage (%)",
        readonly=True,
        help="Share of the backtest days whose usage fell within the P10-P90"
        " band of the source kept (80% expected).",
    )
    dish_qty = fields.Json(
        string="Dishes",
        readonly=True,
        help="Quantity of the ingredient one unit of each dish takes, by dish id.",
    )
    dish_count = fields.Integer(string="Dishes Using It", readonly=True)

    # Written by the forecast runs only.
    _boh_workflow_fields = frozenset(
        {
            "run_id",
            "source",
            "reason",
            "backtest_weeks",
            "wape_history",
            "wape_recipe",
            "wape_recipe_history",
            "coverage",
            "dish_qty",
            "dish_count",
        }
    )
    _boh_create_only_fields = frozenset({"store_id", "product_id", "company_id"})

    _sql_constraints = [
        (
            "store_product_unique",
            "unique(store_id, product_id)",
            "One forecast source per store and ingredient.",
        ),
    ]

    @api.depends("source", "reason", "wape_history", "wape_recipe", "backtest_weeks")
    def _compute_explanation(self):
        for rec in self:
            rec.explanation = rec._explain()

    def _explain(self):
        self.ensure_one()
        if self.reason == "no_history":
            return _(
                "No demand history of its own: the forecast comes from the"
                " recipes of the dishes."
            )
        if self.reason == "no_backtest":
            return _(
                "The history is too short to compare the sources: the forecast"
                " from its own history is kept."
            )
        if self.reason == "no_usage":
            return _(
                "No usage in the last %(weeks)s weeks to compare the sources: the"
                " forecast from its own history is kept.",
                weeks=self.backtest_weeks,
            )
        values = {
            "weeks": self.backtest_weeks,
            "history": round(self.wape_history, 1),
            "recipe": round(self.wape_recipe, 1),
            "both": round(self.wape_recipe_history, 1),
        }
        if self.source == "recipe":
            return _(
                "The recipes forecast best over the last %(weeks)s weeks: WAPE"
                " %(recipe)s%% against %(history)s%% from its own history and"
                " %(both)s%% from both.",
                **values,
            )
        if self.source == "recipe_history":
            return _(
                "The recipes and its own history together forecast best over the"
                " last %(weeks)s weeks: WAPE %(both)s%% against %(recipe)s%% from"
                " the recipes and %(history)s%% from its own history.",
                **values,
            )
        return _(
            "Its own history forecasts best over the last %(weeks)s weeks: WAPE"
            " %(history)s%% against %(recipe)s%% from the recipes and %(both)s%%"
            " from both.",
            **values,
        )

    @api.model
    def _replace_store(self, run, store, weeks, rows):
        """Replace the store's choices by ``rows`` (one SQL statement each way).

        ``rows``: dicts with ``product_id``, ``source``, ``reason``, the three
        ``wape_*`` (ratios or None), ``coverage`` (ratio or None),
        ``dish_qty`` (``{dish id: qty}``).  Choices of ingredients no dish of
        the store uses any more are deleted.
        """
        self.flush_model()
        cr = self.env.cr
        products = [int(r["product_id"]) for r in rows]
        cr.execute(
            SQL(
                "DELETE FROM boh_forecast_recipe_choice"
                " WHERE store_id = %s AND product_id != ALL(%s)",
                store.id,
                products or [0],
            )
        )
        if rows:

            def pct(key):
                return [
                    None if r[key] is None else round(100.0 * r[key], 2) for r in rows
                ]

            cr.execute(
                SQL(
                    """
                    INSERT INTO boh_forecast_recipe_choice AS c (store_id,
                        product_id, company_id, run_id, source, reason,
                        backtest_weeks, wape_history, wape_recipe,
                        wape_recipe_history, coverage, dish_qty, dish_count,
                        create_uid, create_date, write_uid, write_date)
                    SELECT %(store)s, u.product_id, %(company)s, %(run)s,
                           u.source, u.reason, %(weeks)s, u.wh, u.wr, u.wb,
                           u.cov, u.dishes::jsonb, u.dish_count,
                           %(uid)s, now() at time zone 'UTC', %(uid)s,
                           now() at time zone 'UTC'
                      FROM unnest(%(products)s::int[], %(sources)s::varchar[],
                                  %(reasons)s::varchar[], %(wh)s::float8[],
                                  %(wr)s::float8[], %(wb)s::float8[],
                                  %(cov)s::float8[], %(dishes)s::text[],
                                  %(counts)s::int[])
                           AS u(product_id, source, reason, wh, wr, wb, cov,
                                dishes, dish_count)
                    ON CONFLICT (store_id, product_id) DO UPDATE
                       SET run_id = EXCLUDED.run_id,
                           source = EXCLUDED.source,
                           reason = EXCLUDED.reason,
                           backtest_weeks = EXCLUDED.backtest_weeks,
                           wape_history = EXCLUDED.wape_history,
                           wape_recipe = EXCLUDED.wape_recipe,
                           wape_recipe_history = EXCLUDED.wape_recipe_history,
                           coverage = EXCLUDED.coverage,
                           dish_qty = EXCLUDED.dish_qty,
                           dish_count = EXCLUDED.dish_count,
                           write_uid = EXCLUDED.write_uid,
                           write_date = EXCLUDED.write_date
                    """,
                    store=store.id,
                    company=store.company_id.id,
                    run=run.id,
                    weeks=weeks,
                    uid=self.env.uid,
                    products=products,
                    sources=[r["source"] for r in rows],
                    reasons=[r["reason"] for r in rows],
                    wh=pct("wape_history"),
                    wr=pct("wape_recipe"),
                    wb=pct("wape_recipe_history"),
                    cov=pct("coverage"),
                    dishes=[
                        json.dumps({str(k): v for k, v in r["dish_qty"].items()})
                        for r in rows
                    ],
                    counts=[len(r["dish_qty"]) for r in rows],
                )
            )
        self.invalidate_model()
        return len(rows)
