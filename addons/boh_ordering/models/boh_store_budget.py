from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.osv import expression
from odoo.tools import float_compare

COUNTED_STATES = ("submitted", "approved", "fulfilling", "received", "closed")


class BohStoreBudget(models.Model):
    """Ordering budget of a store for a period (orders by delivery date)."""

    _name = "boh.store.budget"
    _description = "BOH Store Ordering Budget"
    _inherit = ["boh.guard.mixin"]
    _order = "date_from desc, store_id"
    _boh_create_only_fields = frozenset({"store_id"})

    name = fields.Char(compute="_compute_name", store=True)
    store_id = fields.Many2one(
        "boh.store", required=True, index=True, domain="[('store_type', '=', 'store')]"
    )
    date_from = fields.Date(required=True)
    date_to = fields.Date(required=True)
    amount = fields.Monetary(string="Budget", required=True)
    company_id = fields.Many2one(related="store_id.company_id", store=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    consumed = fields.Monetary(compute="_compute_consumed")
    remaining = fields.Monetary(compute="_compute_consumed")
    consumed_pct = fields.Float(string="Consumed (%)", compute="_compute_consumed")

    @api.depends("store_id", "date_from", "date_to")
    def _compute_name(self):
        for budget in self:
            start, end = budget.date_from or "", budget.date_to or ""
            budget.name = f"{budget.store_id.code or ''} {start} - {end}"

    def _compute_consumed(self):
        totals = self._get_consumed_totals()
        for budget in self:
            budget.consumed = totals.get(budget.id, 0.0)
            budget.remaining = budget.amount - budget.consumed
            budget.consumed_pct = (
                budget.consumed / budget.amount * 100.0 if budget.amount else 0.0
            )

    def _covers(self, store, date):
        self.ensure_one()
        return bool(
            store == self.store_id and date and self.date_from <= date <= self.date_to
        )

    def _get_consumed_totals(self):
        """{budget id: amount of the counted orders of its store and period},
        in one query whatever the number of budgets."""
        budgets = self.filtered(lambda b: b.store_id and b.date_from and b.date_to)
        if not budgets:
            return {}
        # sudo: totals of the stores' own orders, shown to whoever sees the budget.
        groups = (
            self.env["boh.store.order"]
            .sudo()
            ._read_group(
                [
                    ("store_id", "in", budgets.store_id.ids),
                    ("delivery_date", ">=", min(budgets.mapped("date_from"))),
                    ("delivery_date", "<=", max(budgets.mapped("date_to"))),
                    ("state", "in", COUNTED_STATES),
                ],
                ["store_id", "delivery_date:day"],
                ["amount_total:sum"],
            )
        )
        totals = dict.fromkeys(budgets.ids, 0.0)
        for store, day, amount in groups:
            day = fields.Date.to_date(day)
            for budget in budgets:
                if budget._covers(store.with_env(self.env), day):
                    totals[budget.id] += amount or 0.0
        return totals

    @api.model
    def _get_order_budgets(self, orders):
        """{order: (budget, amount of the other counted orders of the budget)}
        for store orders, in two queries whatever their number."""
        dates = [d for d in orders.mapped("delivery_date") if d]
        budgets = self.browse()
        if orders.store_id and dates:
            budgets = self.search(
                [
                    ("store_id", "in", orders.store_id.ids),
                    ("date_from", "<=", max(dates)),
                    ("date_to", ">=", min(dates)),
                ]
            )
        totals = budgets._get_consumed_totals()
        result = {}
        for order in orders:
            budget = next(
                (b for b in budgets if b._covers(order.store_id, order.delivery_date)),
                self.browse(),
            )
            consumed = totals.get(budget.id, 0.0)
            saved = order._origin
            if (
                budget
                and saved
                and saved.state in COUNTED_STATES
                and budget._covers(saved.store_id, saved.delivery_date)
            ):
                consumed -= saved.amount_total
            result[order] = (budget, consumed)
        return result

    @api.model
    def _get_over_budget_domain(self):
        """Domain of the orders (not cancelled) over their budget: an order
        counts the other orders of the budget plus its own amount."""
        budgets = self.search([])
        totals = budgets._get_consumed_totals()
        domains = []
        for budget in budgets:
            total = totals.get(budget.id, 0.0)
            rounding = budget.currency_id.rounding or 0.01
            period = [
                ("store_id", "=", budget.store_id.id),
                ("delivery_date", ">=", budget.date_from),
                ("delivery_date", "<=", budget.date_to),
            ]
            # Counted orders are in the total: all over when the total is.
            if float_compare(total, budget.amount, precision_rounding=rounding) > 0:
                domains.append(period + [("state", "in", COUNTED_STATES)])
            # The others (drafts) add their own amount to the total.
            domains.append(
                period
                + [
                    ("state", "not in", COUNTED_STATES + ("cancel",)),
                    ("amount_total", ">", budget.amount - total + rounding / 2),
                ]
            )
        return expression.OR(domains) if domains else expression.FALSE_DOMAIN

    @api.constrains("store_id", "date_from", "date_to", "amount")
    def _check_period(self):
        for budget in self:
            if budget.date_to < budget.date_from:
                raise ValidationError(
                    _(
                        "Budget %(budget)s: the end date is before the start date.",
                        budget=budget.name,
                    )
                )
            if budget.amount < 0:
                raise ValidationError(
                    _(
                        "Budget %(budget)s: the amount cannot be negative.",
                        budget=budget.name,
                    )
                )
            overlap = self.search_count(
                [
                    ("id", "!=", budget.id),
                    ("store_id", "=", budget.store_id.id),
                    ("date_from", "<=", budget.date_to),
                    ("date_to", ">=", budget.date_from),
                ]
            )
            if overlap:
                raise ValidationError(
                    _(
                        "Budget %(budget)s overlaps another budget of the store.",
                        budget=budget.name,
                    )
                )
