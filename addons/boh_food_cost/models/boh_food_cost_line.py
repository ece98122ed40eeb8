from odoo import fields, models

from ..services import avt

SUSPECT_REASONS = [
    ("recipe_error", "Recipe error (most stores alike)"),
    ("receiving_error", "Receiving error (receipts differ from orders)"),
    ("over_portioning", "Over-portioning (usage above theoretical again)"),
    ("theft", "Possible theft (large loss on a high-value item)"),
    ("unrecorded_waste", "Unrecorded waste"),
    ("unexplained_loss", "Unexplained loss"),
    ("count_error", "Usage below theoretical (missing receipt or count error)"),
]


class BohFoodCostLine(models.Model):
    """One ingredient of a food cost period: actual versus theoretical usage.

    All quantities are in the ingredient's unit; values at ``unit_cost``
    (the ingredient's cost when the period was computed). Written only by
    the period's computation (one ``INSERT ... SELECT``), read-only for every
    role.  Its store and company are the period's (related, not copied: no
    foreign key to check per line; searching or grouping by them joins the
    period through the indexed ``period_id``), and it keeps no log columns
    (the period has the computation's date and author).

    Its quantities and values are ``float8`` columns (fields without
    ``digits``; the views give their display): the 200,000 lines of a
    chain's week are computed and inserted without a conversion to
    ``numeric`` of each of their twenty figures, and summed faster by the
    pivots.
    """

    _name = "boh.food.cost.line"
    _description = "BOH Food Cost Line"
    _order = "period_id desc, rank, id"
    _rec_name = "product_id"
    _log_access = False

    period_id = fields.Many2one(
        "boh.food.cost.period", required=True, ondelete="cascade", index=True
    )
    store_id = fields.Many2one(related="period_id.store_id")
    company_id = fields.Many2one(related="period_id.company_id")
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_from = fields.Date(related="period_id.date_from")
    date_to = fields.Date(related="period_id.date_to", store=True)
    product_id = fields.Many2one(
        "product.product", string="Ingredient", required=True, index=True
    )
    uom_id = fields.Many2one(related="product_id.uom_id", string="Unit")
    categ_id = fields.Many2one(related="product_id.categ_id", string="Category")
    rank = fields.Integer(help="1 is the largest variance in value of the period.")
    opening_qty = fields.Float(string="Opening")
    receipt_qty = fields.Float(string="Receipts")
    transfer_in_qty = fields.Float(string="Transfers In")
    transfer_out_qty = fields.Float(string="Transfers Out")
    closing_qty = fields.Float(string="Closing")
    total_usage_qty = fields.Float(
        string="Total Usage",
        help="Opening + receipts + transfers in - transfers out - closing.",
    )
    waste_qty = fields.Float(string="Recorded Waste")
    actual_qty = fields.Float(
        string="Actual Usage",
        help="Total usage minus the recorded waste.",
    )
    theoretical_qty = fields.Float(string="Theoretical Usage")
    variance_qty = fields.Float(
        string="Variance",
        help="Actual minus theoretical usage.",
    )
    variance_pct = fields.Float(
        string="Variance %",
        aggregator="avg",
        help="Variance over theoretical usage (100 when there is no"
        " theoretical usage).",
    )
    unit_cost = fields.Float(aggregator="avg")
    total_value = fields.Float(string="Total Usage Value")
    actual_value = fields.Float(string="Actual Value")
    theoretical_value = fields.Float(string="Theoretical Value")
    waste_value = fields.Float(string="Waste Value")
    variance_value = fields.Float(string="Variance Value")
    abs_variance_value = fields.Float(string="Absolute Variance")
    counted = fields.Boolean(
        help="On the closing count. An ingredient left off it has no measured"
        " usage: its variance is zero and what its usage (receipts and"
        " transfers) differs from theoretical is shown as Not Counted.",
    )
    uncounted_value = fields.Float(
        string="Not Counted",
        help="Usage minus theoretical, in value, of an ingredient left off the"
        " closing count.",
    )
    po_ordered_qty = fields.Float(string="Ordered on Received Lines")
    po_received_qty = fields.Float(string="Received on Order Lines")
    suspect = fields.Boolean()
    suspect_reason = fields.Selection(SUSPECT_REASONS)

    # ------------------------------------------------------------------
    # Drill-down
    # ------------------------------------------------------------------
    def _window(self, name, model, domain, views=("list", "form")):
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": model,
            "views": [(False, view) for view in views],
            "domain": domain,
            "context": {"create": False},
        }

    def action_view_counts(self):
        self.ensure_one()
        period = self.period_id
        return self._window(
            self.env._("Counts of %(product)s", product=self.product_id.display_name),
            "boh.stock.count.line",
            [
                (
                    "count_id",
                    "in",
                    (period.opening_count_id | period.closing_count_id).ids,
                ),
                ("product_id", "=", self.product_id.id),
            ],
            views=("list",),
        )

    def _view_moves(self, name, categories):
        self.ensure_one()
        # sudo: the move ids are looked up for the user's own period line
        # (record rules); the moves are then shown with the user's rights
        ids = avt.move_ids(
            self.env(su=True), self.period_id.sudo(), self.product_id, categories
        )
        return self._window(name, "stock.move", [("id", "in", ids)])

    def action_view_receipts(self):
        return self._view_moves(
            self.env._("Receipts of %(product)s", product=self.product_id.display_name),
            [avt.RECEIPT],
        )

    def action_view_transfers(self):
        return self._view_moves(
            self.env._(
                "Transfers of %(product)s", product=self.product_id.display_name
            ),
            [avt.TRANSFER_IN, avt.TRANSFER_OUT],
        )

    def action_view_waste(self):
        self.ensure_one()
        return self._window(
            self.env._("Waste of %(product)s", product=self.product_id.display_name),
            "boh.waste",
            [
                ("store_id", "=", self.store_id.id),
                ("product_id", "=", self.product_id.id),
                ("state", "=", "done"),
                ("date", ">", self.period_id.date_from),
                ("date", "<=", self.period_id.date_to),
            ],
        )

    def action_view_dish_sales(self):
        """The sales of the dishes that use the ingredient, in the period."""
        self.ensure_one()
        period = self.period_id
        breakdown = self.env["boh.usage.theoretical"]._dish_breakdown(
            period.store_id, self.product_id, period.date_from, period.date_to
        )
        return self._window(
            self.env._(
                "Dishes using %(product)s", product=self.product_id.display_name
            ),
            "boh.demand.daily",
            [
                ("store_id", "=", self.store_id.id),
                ("product_id", "in", [dish for dish, _sold, _used in breakdown]),
                ("date", ">", period.date_from),
                ("date", "<=", period.date_to),
                ("source", "!=", "stock"),
            ],
            views=("list", "pivot"),
        )
