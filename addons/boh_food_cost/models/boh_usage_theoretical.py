"""What the stores should have used: dish sales exploded into ingredients."""

import logging
from datetime import datetime, timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL

from odoo.addons.boh_base.services.inputs import check_number
from odoo.addons.boh_recipe.services.costing import where_used

_logger = logging.getLogger(__name__)

WATERMARK_KEY = "boh_food_cost.theoretical_watermark"
# Demand rows written after the watermark minus this margin are looked at
# again, so a transaction committed late is never missed (a re-run changes
# nothing: the touched store-days are recomputed in full).
WATERMARK_MARGIN = timedelta(minutes=30)
# Sources of boh.demand.daily that are sales; "stock" is consumption (the
# ingredients a store used), which would count the usage a second time.
SALES_SOURCES = ("pos", "import", "api")
# Days rewritten by one statement.
CHUNK_DAYS = 31
# How far back a recipe change re-explodes the sales (system parameter; 0:
# no limit in days, only the computed periods are left alone).
RECIPE_CHANGE_DAYS_KEY = "boh_food_cost.recipe_change_days"
RECIPE_CHANGE_DAYS = 90


class BohUsageTheoretical(models.Model):
    """Ingredients a store should have used on a day, from its dish sales.

    One row per store, ingredient and day: the day's sales (``boh.demand.daily``
    of the sales sources) times the recipe matrix of boh_recipe
    (``_boh_recipe_matrix(through="kit")``: what one unit of a dish takes of
    each ingredient, through the kits made in the store).  A storable product
    that can be sold, sold without a recipe, uses itself, one for one.
    ``value`` is the quantity at the ingredient's cost when the row was
    computed.  Rows are written by
    :meth:`_recompute` only (set-based SQL), never by users.
    """

    _name = "boh.usage.theoretical"
    _description = "BOH Theoretical Usage"
    # The table is made by init(), without foreign keys: the explosion of a
    # chain's year inserts millions of rows, and checking five foreign keys
    # per row made the insert four times slower. Stores are archived, never
    # deleted; a product with sales cannot be deleted either.
    _auto = False
    _order = "date desc, store_id, product_id"
    _rec_name = "product_id"

    # (store, date, ingredient) has one composite index (see init): single
    # indexes on the store or the date would only slow the bulk inserts
    store_id = fields.Many2one("boh.store", required=True, readonly=True)
    product_id = fields.Many2one(
        "product.product", string="Ingredient", required=True, readonly=True
    )
    uom_id = fields.Many2one(related="product_id.uom_id", string="Unit")
    categ_id = fields.Many2one(related="product_id.categ_id", string="Category")
    date = fields.Date(required=True, readonly=True)
    qty = fields.Float(
        string="Quantity", digits="Product Unit of Measure", readonly=True
    )
    value = fields.Monetary(currency_field="currency_id", readonly=True)
    company_id = fields.Many2one("res.company", required=True)
    currency_id = fields.Many2one(related="company_id.currency_id")

    def init(self):
        self.env.cr.execute(
            SQL(
                """
                CREATE TABLE IF NOT EXISTS boh_usage_theoretical (
                    id serial PRIMARY KEY,
                    store_id int4 NOT NULL,
                    product_id int4 NOT NULL,
                    date date NOT NULL,
                    qty float8,
                    value numeric,
                    company_id int4 NOT NULL,
                    create_uid int4,
                    create_date timestamp,
                    write_uid int4,
                    write_date timestamp
                )
                """
            )
        )
        self.env.cr.execute(
            SQL(
                "CREATE INDEX IF NOT EXISTS boh_usage_theoretical_product_idx"
                " ON boh_usage_theoretical (product_id)"
            )
        )
        self.env.cr.execute(
            SQL(
                "CREATE INDEX IF NOT EXISTS boh_usage_theoretical_store_date_idx"
                " ON boh_usage_theoretical (store_id, date, product_id)"
            )
        )
        # the incremental run looks for the sales written since its watermark
        self.env.cr.execute(
            SQL(
                "CREATE INDEX IF NOT EXISTS boh_demand_daily_write_date_idx"
                " ON boh_demand_daily (write_date)"
            )
        )

    # ------------------------------------------------------------------
    # Computation
    # ------------------------------------------------------------------
    @api.model
    def _recipe_matrix(self, dish_ids):
        """``{dish: {ingredient: qty}}`` of the dishes sold: the recipe
        explosion of boh_recipe through kits; a storable product that can be
        sold (a canned drink) without a recipe uses itself one for one;
        anything else uses nothing (an ingredient's own rows are consumption
        history, not sales)."""
        # sudo: recipes (bills of materials) are read to explode sales; no
        # store role has manufacturing rights, and nothing is shown here
        products = self.env["product.product"].sudo().browse(dish_ids)
        matrix = products._boh_recipe_matrix(through="kit")
        for product in products.filtered(lambda p: p.is_storable and p.sale_ok):
            if product.id not in matrix:
                matrix[product.id] = {product.id: 1.0}
        return matrix

    @api.model
    def _fill_matrix_table(self, matrix):
        """The matrix in the temporary table ``boh_fc_matrix``."""
        cr = self.env.cr
        cr.execute(
            "CREATE TEMP TABLE IF NOT EXISTS boh_fc_matrix"
            " (dish int, ingredient int, qty float8) ON COMMIT DROP"
        )
        cr.execute("TRUNCATE boh_fc_matrix")
        dishes, ingredients, qtys = [], [], []
        for dish, row in matrix.items():
            for ingredient, qty in row.items():
                dishes.append(dish)
                ingredients.append(ingredient)
                qtys.append(qty)
        cr.execute(
            SQL(
                "INSERT INTO boh_fc_matrix SELECT * FROM unnest(%s::int[],"
                " %s::int[], %s::float8[])",
                dishes,
                ingredients,
                qtys,
            )
        )
        cr.execute("ANALYZE boh_fc_matrix")

    @api.model
    def _fill_cost_table(self, ingredient_ids, company_ids):
        """Each ingredient's cost per company in ``boh_fc_cost``."""
        cr = self.env.cr
        cr.execute(
            "CREATE TEMP TABLE IF NOT EXISTS boh_fc_cost"
            " (company_id int, product_id int, cost float8) ON COMMIT DROP"
        )
        cr.execute("TRUNCATE boh_fc_cost")
        rows = ([], [], [])
        # sudo: product costs are read to value usage (store roles may not
        # read every company's product costs, the values are stored here)
        products = self.env["product.product"].sudo().browse(list(ingredient_ids))
        for company in self.env["res.company"].sudo().browse(list(company_ids)):
            for product in products.with_company(company):
                rows[0].append(company.id)
                rows[1].append(product.id)
                rows[2].append(product.standard_price or 0.0)
        cr.execute(
            SQL(
                "INSERT INTO boh_fc_cost SELECT * FROM unnest(%s::int[],"
                " %s::int[], %s::float8[])",
                *rows,
            )
        )

    @api.model
    def _recompute(self, since=None, full=False, store_ids=None):
        """Rewrite the theoretical usage of every store-day whose sales changed.

        The store-days with a demand row (of a sales source) written after
        ``since`` (default: the stored watermark; ``full``: all) are deleted
        and inserted again from their sales and the recipe matrix, in one
        ``INSERT ... SELECT ... GROUP BY`` over a temporary table of the
        matrix.  The watermark moves to the latest write date seen.  Returns
        ``(store-days recomputed, rows written)``.
        """
        cr = self.env.cr
        self.env["boh.demand.daily"].flush_model()
        self.flush_model()
        if full:
            since = datetime(1970, 1, 1)
        elif since is None:
            stored = self.env["ir.config_parameter"].sudo().get_param(WATERMARK_KEY)
            since = (
                fields.Datetime.to_datetime(stored) - WATERMARK_MARGIN
                if stored
                else datetime(1970, 1, 1)
            )
        store_filter = (
            SQL("AND d.store_id = ANY(%s)", list(store_ids)) if store_ids else SQL()
        )
        cr.execute(
            "CREATE TEMP TABLE IF NOT EXISTS boh_fc_touched"
            " (store_id int, date date, company_id int) ON COMMIT DROP"
        )
        cr.execute("TRUNCATE boh_fc_touched")
        cr.execute(
            SQL(
                """
                INSERT INTO boh_fc_touched
                SELECT d.store_id, d.date, MIN(d.company_id)
                  FROM boh_demand_daily d
                 WHERE d.write_date > %(since)s AND d.source = ANY(%(sources)s)
                       %(store_filter)s
                 GROUP BY d.store_id, d.date
                """,
                since=since,
                sources=list(SALES_SOURCES),
                store_filter=store_filter,
            )
        )
        touched = cr.rowcount
        if not touched:
            return 0, 0
        cr.execute("ANALYZE boh_fc_touched")
        cr.execute(
            SQL(
                """
                SELECT MAX(d.write_date) FROM boh_demand_daily d
                 WHERE d.write_date > %(since)s AND d.source = ANY(%(sources)s)
                       %(store_filter)s
                """,
                since=since,
                sources=list(SALES_SOURCES),
                store_filter=store_filter,
            )
        )
        watermark = cr.fetchone()[0]
        cr.execute(
            SQL(
                """
                SELECT DISTINCT d.product_id FROM boh_demand_daily d
                  JOIN boh_fc_touched t ON t.store_id = d.store_id
                                       AND t.date = d.date
                 WHERE d.source = ANY(%(sources)s)
                """,
                sources=list(SALES_SOURCES),
            )
        )
        matrix = self._recipe_matrix([r[0] for r in cr.fetchall()])
        self._fill_matrix_table(matrix)
        ingredients = {i for row in matrix.values() for i in row}
        cr.execute("SELECT DISTINCT company_id FROM boh_fc_touched")
        self._fill_cost_table(ingredients, [r[0] for r in cr.fetchall()])
        # the aggregation of a month of a large chain is kept in memory
        cr.execute("SET LOCAL work_mem = '256MB'")
        cr.execute("SELECT DISTINCT date FROM boh_fc_touched ORDER BY date")
        dates = [r[0] for r in cr.fetchall()]
        written = 0
        # a month of days at a time: the aggregation stays in memory
        for lo in range(0, len(dates), CHUNK_DAYS):
            chunk = dates[lo : lo + CHUNK_DAYS]
            written += self._rewrite_days(chunk[0], chunk[-1])
        if not store_ids:
            self.env["ir.config_parameter"].sudo().set_param(
                WATERMARK_KEY, fields.Datetime.to_string(watermark)
            )
        self.invalidate_model()
        _logger.info(
            "BOH theoretical usage: %s store-days recomputed, %s rows", touched, written
        )
        return touched, written

    @api.model
    def _rewrite_days(self, first, last):
        """Delete and insert again the touched store-days in [first, last]."""
        cr = self.env.cr
        cr.execute(
            SQL(
                "DELETE FROM boh_usage_theoretical u USING boh_fc_touched t"
                " WHERE u.store_id = t.store_id AND u.date = t.date"
                " AND t.date BETWEEN %s AND %s AND u.date BETWEEN %s AND %s",
                first,
                last,
                first,
                last,
            )
        )
        cr.execute(
            SQL(
                """
                INSERT INTO boh_usage_theoretical (store_id, product_id, date,
                    qty, value, company_id, create_uid, create_date, write_uid,
                    write_date)
                SELECT u.store_id, u.ingredient, u.date, u.qty,
                       u.qty * COALESCE(c.cost, 0), u.company_id, %(uid)s,
                       now() at time zone 'UTC', %(uid)s, now() at time zone 'UTC'
                  FROM (
                        SELECT d.store_id, m.ingredient, d.date, t.company_id,
                               SUM(d.qty * m.qty) AS qty
                          FROM boh_demand_daily d
                          JOIN boh_fc_touched t ON t.store_id = d.store_id
                                               AND t.date = d.date
                          JOIN boh_fc_matrix m ON m.dish = d.product_id
                         WHERE d.source = ANY(%(sources)s)
                           AND d.date BETWEEN %(first)s AND %(last)s
                           AND t.date BETWEEN %(first)s AND %(last)s
                         GROUP BY d.store_id, m.ingredient, d.date, t.company_id
                       ) u
                  LEFT JOIN boh_fc_cost c ON c.company_id = u.company_id
                                         AND c.product_id = u.ingredient
                 WHERE u.qty != 0
                """,
                uid=self.env.uid,
                sources=list(SALES_SOURCES),
                first=first,
                last=last,
            )
        )
        return cr.rowcount

    @api.model
    def _recipe_change_floor(self):
        """The first day a recipe change re-explodes, or None (no limit)."""
        value = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param(RECIPE_CHANGE_DAYS_KEY, RECIPE_CHANGE_DAYS)
        )
        days = int(
            check_number(
                value,
                _("System parameter %(key)s", key=RECIPE_CHANGE_DAYS_KEY),
                _("Days re-exploded after a recipe change"),
                minimum=0,
                maximum=36600,
            )
        )
        if not days:
            return None
        return fields.Date.context_today(self) - timedelta(days=days)

    @api.model
    def _mark_recipe_change(self, products):
        """Have the next incremental run re-explode the sales of the dishes
        whose recipe uses ``products`` (whose kit recipe changed).

        The dishes are ``products`` and every product whose recipe uses them
        at any depth (boh_recipe's where-used, as for re-costing).  Their
        sales rows are marked as changed (their write date moves to now, in
        one statement), so the watermark of :meth:`_recompute` takes their
        store-days.  Only the days after the closing count of the store's
        last computed food cost period are marked (a computed period keeps
        the usage it was computed with: reset it to draft and recompute the
        theoretical usage to apply a recipe change to it), and no day older
        than the system parameter ``boh_food_cost.recipe_change_days``
        (default 90; 0: no limit).  Returns the number of rows marked.
        """
        if not products:
            return 0
        # sudo: every recipe using the products is looked for, whoever
        # changed one (only ids are used, nothing is shown)
        products = products.sudo()
        dishes = (products | where_used(products)).ids
        floor = self._recipe_change_floor()
        self.env["boh.food.cost.period"].flush_model(["store_id", "state", "date_to"])
        Demand = self.env["boh.demand.daily"]
        Demand.flush_model()
        self.env.cr.execute(
            SQL(
                """
                UPDATE boh_demand_daily d
                   SET write_date = now() at time zone 'UTC'
                 WHERE d.product_id = ANY(%(dishes)s)
                   AND d.source = ANY(%(sources)s)
                   %(floor)s
                   AND NOT EXISTS (
                        SELECT 1 FROM boh_food_cost_period p
                         WHERE p.store_id = d.store_id
                           AND p.state = 'computed'
                           AND p.date_to >= d.date)
                """,
                dishes=dishes,
                sources=list(SALES_SOURCES),
                floor=SQL("AND d.date >= %s", floor) if floor else SQL(),
            )
        )
        marked = self.env.cr.rowcount
        Demand.invalidate_model(["write_date"])
        if marked:
            _logger.info(
                "BOH theoretical usage: recipe change, %s sales rows to re-explode",
                marked,
            )
        return marked

    @api.model
    def _cron_recompute(self):
        """Daily: the store-days whose sales changed since the last run."""
        return self._recompute()

    @api.model
    def action_recompute_all(self):
        """Recompute every store-day from scratch (after recipes changed)."""
        if not self.env.user.has_group("boh_base.group_boh_admin"):
            raise AccessError(
                _("Only BOH administrators can recompute the theoretical usage.")
            )
        # sudo: an administrator asked for it; the computation writes rows of
        # every store, which no record rule of a store role would allow
        touched, written = self.sudo()._recompute(full=True)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": _("Theoretical usage"),
                "message": _(
                    "%(days)s store-days recomputed, %(rows)s rows written.",
                    days=touched,
                    rows=written,
                ),
                "type": "success",
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    # ------------------------------------------------------------------
    # Provenance
    # ------------------------------------------------------------------
    @api.model
    def _dish_breakdown(self, store, ingredient, date_from, date_to):
        """Which dishes drove an ingredient's usage in a store and period.

        Computed on demand (not stored per dish) from the sales and the
        recipe matrix.  Returns a list of ``(dish id, sold qty, ingredient
        qty)``, largest usage first.  The demand rows are read with the
        user's rights (a store the user cannot see gives nothing).
        """
        Demand = self.env["boh.demand.daily"]
        groups = Demand._read_group(
            [
                ("store_id", "=", store.id),
                ("date", ">=", date_from),
                ("date", "<=", date_to),
                ("source", "in", list(SALES_SOURCES)),
            ],
            ["product_id"],
            ["qty:sum"],
        )
        sold = {product.id: qty for product, qty in groups}
        matrix = self._recipe_matrix(list(sold))
        rows = [
            (dish, sold[dish], sold[dish] * row[ingredient.id])
            for dish, row in matrix.items()
            if ingredient.id in row and dish in sold
        ]
        return sorted(rows, key=lambda r: -abs(r[2]))
