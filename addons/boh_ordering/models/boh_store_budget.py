from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

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
        for budget in self:
            budget.consumed = budget._get_consumed()
            budget.remaining = budget.amount - budget.consumed
            budget.consumed_pct = (
                budget.consumed / budget.amount * 100.0 if budget.amount else 0.0
            )

    def _get_consumed(self, exclude=None):
        self.ensure_one()
        domain = [
            ("store_id", "=", self.store_id.id),
            ("delivery_date", ">=", self.date_from),
            ("delivery_date", "<=", self.date_to),
            ("state", "in", COUNTED_STATES),
        ]
        if exclude and exclude.ids:
            domain.append(("id", "not in", exclude.ids))
        # sudo: a total of the store's own orders, shown to whoever sees the budget.
        groups = (
            self.env["boh.store.order"]
            .sudo()
            ._read_group(domain, [], ["amount_total:sum"])
        )
        return groups[0][0] or 0.0

    @api.model
    def _find(self, store, date):
        if not store or not date:
            return self.browse()
        return self.search(
            [
                ("store_id", "=", store.id),
                ("date_from", "<=", date),
                ("date_to", ">=", date),
            ],
            limit=1,
        )

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
