from collections import Counter

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import SQL

from ..services import avt, suspects

PERIOD_STATES = [("draft", "Draft"), ("computed", "Computed")]
# Totals of the period: only its computation writes them.
TOTAL_FIELDS = (
    "net_sales",
    "actual_cost",
    "theoretical_cost",
    "waste_value",
    "variance_value",
    "food_cost_pct",
    "theoretical_food_cost_pct",
    "variance_pct_of_sales",
    "waste_pct_of_sales",
    "uncounted_value",
    "uncounted_pct_of_sales",
    "gap_pct",
    "suspect_count",
    "computed_date",
)


class BohFoodCostPeriod(models.Model):
    """Food cost of a store between two of its posted stock counts.

    Its lines give, per ingredient, what the store actually used (the counts
    and the goods that came and went between them) against what its sales
    say it should have used (theoretical usage), and the period gives the
    actual and theoretical food cost % of its net sales.
    """

    _name = "boh.food.cost.period"
    _description = "BOH Food Cost Period"
    _inherit = [
        "mail.thread",
        "boh.store.document.mixin",
        "boh.guard.mixin",
    ]
    _order = "date_to desc, store_id, id desc"
    _boh_sequence_code = "boh.food.cost.period"
    _boh_workflow_fields = frozenset({"state", *TOTAL_FIELDS})
    _boh_create_only_fields = frozenset({"store_id"})
    _boh_state_errors = {
        "unlink": lambda env, **args: env._(
            "Food cost period %(name)s is computed: reset it to draft before"
            " deleting it.",
            **args,
        ),
        "edit": lambda env, **args: env._(
            "Food cost period %(name)s is computed: reset it to draft to change"
            " its counts.",
            **args,
        ),
        "draft": lambda env, **args: env._(
            "Food cost period %(name)s is already a draft.", **args
        ),
    }

    opening_count_id = fields.Many2one(
        "boh.stock.count",
        string="Opening Count",
        required=True,
        tracking=True,
        domain="[('store_id', '=', store_id), ('state', '=', 'done')]",
    )
    closing_count_id = fields.Many2one(
        "boh.stock.count",
        string="Closing Count",
        required=True,
        tracking=True,
        domain="[('store_id', '=', store_id), ('state', '=', 'done')]",
    )
    date_from = fields.Date(
        related="opening_count_id.date", store=True, string="From", index=True
    )
    date_to = fields.Date(
        related="closing_count_id.date", store=True, string="To", index=True
    )
    state = fields.Selection(
        PERIOD_STATES, default="draft", required=True, tracking=True, copy=False
    )
    computed_date = fields.Datetime(readonly=True, copy=False)
    line_ids = fields.One2many(
        "boh.food.cost.line", "period_id", string="Ingredients", readonly=True
    )
    waste_ids = fields.One2many(
        "boh.food.cost.waste", "period_id", string="Waste by Reason", readonly=True
    )
    menu_ids = fields.One2many(
        "boh.menu.engineering", "period_id", string="Menu Engineering", readonly=True
    )
    net_sales = fields.Monetary(readonly=True, copy=False)
    actual_cost = fields.Monetary(
        string="Actual Cost",
        readonly=True,
        copy=False,
        help="Everything the store used, waste included, at the unit costs of"
        " the computation (cost of goods sold).",
    )
    theoretical_cost = fields.Monetary(readonly=True, copy=False)
    waste_value = fields.Monetary(string="Recorded Waste", readonly=True, copy=False)
    variance_value = fields.Monetary(
        string="Variance", readonly=True, copy=False, help="Actual minus theoretical."
    )
    food_cost_pct = fields.Float(
        string="Food Cost %", readonly=True, copy=False, aggregator="avg"
    )
    theoretical_food_cost_pct = fields.Float(
        string="Theoretical Food Cost %", readonly=True, copy=False, aggregator="avg"
    )
    variance_pct_of_sales = fields.Float(
        string="Variance % of Sales", readonly=True, copy=False, aggregator="avg"
    )
    waste_pct_of_sales = fields.Float(
        string="Waste % of Sales", readonly=True, copy=False, aggregator="avg"
    )
    uncounted_value = fields.Monetary(
        string="Not Counted",
        readonly=True,
        copy=False,
        help="Usage minus theoretical of the ingredients left off the closing"
        " count (their receipts and transfers less their theoretical usage):"
        " count them to turn it into variance.",
    )
    uncounted_pct_of_sales = fields.Float(
        string="Not Counted % of Sales", readonly=True, copy=False, aggregator="avg"
    )
    gap_pct = fields.Float(
        string="Gap (points)",
        readonly=True,
        copy=False,
        aggregator="avg",
        help="Actual minus theoretical food cost %: the variance, the"
        " recorded waste and what was not counted, over net sales.",
    )
    suspect_count = fields.Integer(string="Suspect Lines", readonly=True, copy=False)

    @api.constrains("store_id", "opening_count_id", "closing_count_id")
    def _check_counts(self):
        # sudo: the counts are checked whatever the user may read, so that a
        # count of another store is refused with this message (the record
        # rules of the counts would only hide it)
        for period in self.sudo():
            for count in period.opening_count_id | period.closing_count_id:
                if count.store_id != period.store_id:
                    raise ValidationError(
                        _(
                            "Food cost period %(period)s: count %(count)s belongs"
                            " to another store than %(store)s.",
                            period=period.name,
                            count=count.name,
                            store=period.store_id.display_name,
                        )
                    )
                if count.state != "done":
                    raise ValidationError(
                        _(
                            "Food cost period %(period)s: count %(count)s is not"
                            " posted.",
                            period=period.name,
                            count=count.name,
                        )
                    )
            if period.closing_count_id.date <= period.opening_count_id.date:
                raise ValidationError(
                    _(
                        "Food cost period %(period)s: the closing count"
                        " %(closing)s (%(closing_date)s) must be after the"
                        " opening count %(opening)s (%(opening_date)s).",
                        period=period.name,
                        closing=period.closing_count_id.name,
                        closing_date=period.closing_count_id.date,
                        opening=period.opening_count_id.name,
                        opening_date=period.opening_count_id.date,
                    )
                )

    def write(self, vals):
        if {"opening_count_id", "closing_count_id"}.intersection(vals):
            self._check_state(("draft",), "edit")
        return super().write(vals)

    def _check_can_compute(self):
        if not self.env.user.has_group("boh_base.group_boh_store_manager"):
            raise AccessError(
                _("Only store managers and above can compute food cost periods.")
            )
        # record rules: only the periods of the user's own stores
        self.check_access("write")

    def action_compute(self):
        """Compute the lines and totals of the periods, all at once."""
        self._check_can_compute()
        # sudo: the user may compute these periods (checked above); the
        # computation reads the stores' stock moves, waste and costs and
        # writes the read-only lines, which no store role may write itself
        self.sudo()._compute_periods()
        return True

    def action_reset_draft(self):
        self._check_state(("computed",), "draft")
        self._check_can_compute()
        # sudo: lines are read-only for every role (see action_compute)
        self.sudo()._delete_results()
        self._boh_workflow().write(
            {"state": "draft", **dict.fromkeys(TOTAL_FIELDS, False)}
        )
        return True

    def _delete_results(self):
        """The lines, waste and menu engineering of the periods (computed
        rows that nothing else refers to)."""
        for model in (
            "boh.food.cost.line",
            "boh.food.cost.waste",
            "boh.menu.engineering",
        ):
            self.env[model].flush_model()
            self.env.cr.execute(
                SQL(
                    "DELETE FROM %s WHERE period_id = ANY(%s)",
                    SQL.identifier(self.env[model]._table),
                    self.ids,
                )
            )
            self.env[model].invalidate_model()

    def _compute_periods(self):
        """Every figure of the periods from one query per source; the lines
        are computed, ranked and written by SQL statements, the suspect rules
        run in Python on the material lines (see services/avt.py and
        services/suspects.py)."""
        env = self.env
        env["boh.usage.theoretical"]._recompute()
        self.flush_recordset()
        with avt.work_mem(env.cr):
            self._compute_results()

    def _compute_results(self):
        if not self:
            return
        env = self.env
        avt.figures_table(env, self)
        self._delete_results()
        env.cr.execute("SELECT DISTINCT product_id FROM boh_fc_figure")
        products = env["product.product"].browse(r[0] for r in env.cr.fetchall())
        costs = {}
        for company in self.company_id:
            prices = products.with_company(company).mapped("standard_price")
            for product_id, price in zip(products.ids, prices, strict=True):
                costs[(company.id, product_id)] = price
        avt.lines_table(env, costs)
        found = suspects.reasons(env, self)
        self._insert_lines(found)
        avt.insert_waste(env, self)
        avt.sales_table(env)
        env["boh.menu.engineering"]._fill(self)
        self._write_totals(found)

    def _insert_lines(self, found):
        """The lines of ``boh_fc_line`` into ``boh.food.cost.line``, suspect
        with their reason when ``found`` (period, product, reason) names them."""
        Line = self.env["boh.food.cost.line"]
        self.env.cr.execute("SELECT * FROM boh_fc_line LIMIT 0")
        columns = [d.name for d in self.env.cr.description]
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO boh_food_cost_line (%(columns)s, suspect,
                       suspect_reason)
                SELECT %(values)s, s.reason IS NOT NULL, s.reason
                  FROM boh_fc_line l
                  LEFT JOIN unnest(%(periods)s::int[], %(products)s::int[],
                                   %(reasons)s::varchar[])
                       AS s(period_id, product_id, reason)
                    ON s.period_id = l.period_id AND s.product_id = l.product_id
                """,
                columns=SQL(", ").join(SQL.identifier(c) for c in columns),
                values=SQL(", ").join(SQL.identifier("l", c) for c in columns),
                periods=[period for period, _product, _reason in found],
                products=[product for _period, product, _reason in found],
                reasons=[reason for _period, _product, reason in found],
            )
        )
        Line.invalidate_model()

    def _write_totals(self, found):
        """The periods' totals from their lines (``boh_fc_line``) and net
        sales (``boh_fc_sales``), and their state."""
        self.env.cr.execute(
            """
            SELECT l.period_id, l.total, l.theoretical, l.waste, l.variance,
                   l.uncounted, COALESCE(s.net, 0)
              FROM (SELECT period_id, SUM(total_value) AS total,
                           SUM(theoretical_value) AS theoretical,
                           SUM(waste_value) AS waste,
                           SUM(variance_value) AS variance,
                           SUM(uncounted_value) AS uncounted
                      FROM boh_fc_line GROUP BY 1) l
              FULL JOIN (SELECT period_id, SUM(amount) AS net
                           FROM boh_fc_sales GROUP BY 1) s
                     ON s.period_id = l.period_id
            """
        )
        totals = {
            row[0]: tuple(value or 0.0 for value in row[1:])
            for row in self.env.cr.fetchall()
        }
        suspect_counts = Counter(period_id for period_id, _p, _r in found)
        # the state (tracked) through the ORM, all periods in one write; the
        # totals in one statement
        self._boh_workflow().write(
            {"state": "computed", "computed_date": fields.Datetime.now()}
        )
        values = []
        for period in self:
            total, theoretical, waste, variance, uncounted, net = totals.get(
                period.id, (0.0,) * 6
            )
            net = float(net)

            def pct(value, net=net):
                return 100.0 * value / net if net else 0.0

            values.append(
                {
                    "id": period.id,
                    "net_sales": net,
                    "actual_cost": total,
                    "theoretical_cost": theoretical,
                    "waste_value": waste,
                    "variance_value": variance,
                    "food_cost_pct": pct(total),
                    "theoretical_food_cost_pct": pct(theoretical),
                    "variance_pct_of_sales": pct(variance),
                    "waste_pct_of_sales": pct(waste),
                    "uncounted_value": uncounted,
                    "uncounted_pct_of_sales": pct(uncounted),
                    "gap_pct": pct(total) - pct(theoretical),
                    "suspect_count": suspect_counts[period.id],
                }
            )
        self.flush_recordset()
        columns = [c for c in values[0] if c != "id"]
        self.env.cr.execute(
            SQL(
                "UPDATE boh_food_cost_period p SET %s FROM (SELECT * FROM unnest("
                "%s::int[], %s)) AS v(id, %s) WHERE p.id = v.id",
                SQL(", ").join(
                    SQL("%s = v.%s", SQL.identifier(c), SQL.identifier(c))
                    for c in columns
                ),
                [v["id"] for v in values],
                SQL(", ").join(
                    SQL(
                        "%s::%s[]",
                        [v[c] for v in values],
                        SQL("int4" if c == "suspect_count" else "float8"),
                    )
                    for c in columns
                ),
                SQL(", ").join(SQL.identifier(c) for c in columns),
            )
        )
        self.invalidate_recordset(columns)

    # ------------------------------------------------------------------
    # Navigation
    # ------------------------------------------------------------------
    def action_view_lines(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "boh_food_cost.boh_food_cost_line_action"
        )
        action["domain"] = [("period_id", "=", self.id)]
        action["context"] = {}
        return action

    def action_view_menu(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "boh_food_cost.boh_menu_engineering_action"
        )
        action["domain"] = [("period_id", "=", self.id)]
        action["context"] = {}
        return action
