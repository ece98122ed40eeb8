import logging

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

_logger = logging.getLogger(__name__)


class BohInspectionPlan(models.Model):
    """Recurring visits of stores (listed, or every store of a region).

    An area manager plans only in the regions they supervise, and the auditor
    of a plan supervises every store it visits: the daily job creates the
    visits as the system, so the plan is where the scope is checked.
    """

    _name = "boh.inspection.plan"
    _description = "Inspection Plan"
    _inherit = ["mail.thread"]
    _order = "next_date, id"

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.company, index=True
    )
    template_id = fields.Many2one(
        "boh.inspection.template",
        required=True,
        domain="[('active', '=', True)]",
        help="The latest version of this template is used at generation time.",
    )
    auditor_id = fields.Many2one(
        "res.users",
        string="Auditor",
        required=True,
        default=lambda self: self.env.user,
        tracking=True,
    )
    region_id = fields.Many2one(
        "boh.region", help="Visit every store of this region (and its sub-regions)."
    )
    store_ids = fields.Many2many("boh.store", string="Stores")
    interval_number = fields.Integer(string="Every", default=1, required=True)
    interval_type = fields.Selection(
        [("day", "Days"), ("week", "Weeks"), ("month", "Months")],
        default="month",
        required=True,
    )
    next_date = fields.Date(
        string="Next Visit", required=True, default=fields.Date.context_today
    )
    lead_days = fields.Integer(
        string="Create Days Ahead",
        default=7,
        help="Inspections are created this many days before the visit date.",
    )
    inspection_ids = fields.One2many("boh.inspection", "plan_id")
    inspection_count = fields.Integer(compute="_compute_inspection_count")

    @api.constrains("interval_number", "lead_days")
    def _check_interval(self):
        for plan in self:
            if plan.interval_number < 1 or plan.lead_days < 0:
                raise ValidationError(
                    _(
                        "Plan %(plan)s: the interval must be at least 1 and the"
                        " days ahead cannot be negative.",
                        plan=plan.name,
                    )
                )

    @api.constrains("auditor_id", "region_id", "store_ids")
    def _check_auditor_supervises(self):
        for plan in self:
            auditor = plan.auditor_id
            if auditor.has_group("boh_base.group_boh_admin"):
                continue
            outside = plan._stores_outside(auditor)
            if outside:
                raise ValidationError(
                    _(
                        "Plan %(plan)s: auditor %(auditor)s does not supervise"
                        " %(stores)s.",
                        plan=plan.name,
                        auditor=auditor.name,
                        stores=", ".join(outside),
                    )
                )

    def _stores_outside(self, user):
        """Names of the region and stores of this plan ``user`` does not
        supervise."""
        self.ensure_one()
        # sudo: who supervises what decides, whatever ``user`` may read
        plan = self.sudo()
        outside = []
        if plan.region_id and user not in plan.region_id.all_user_ids:
            outside.append(plan.region_id.display_name)
        outside += (
            plan._get_stores()
            .filtered(lambda s: user not in s.supervisor_ids)
            .mapped("display_name")
        )
        return outside

    def _check_planner_scope(self):
        """An area manager plans only the regions and stores they supervise."""
        if self.env.su or self.env.user.has_group("boh_base.group_boh_admin"):
            return
        user = self.env.user
        for plan in self:
            outside = plan._stores_outside(user)
            if outside:
                raise AccessError(
                    _(
                        "Plan %(plan)s: %(user)s does not supervise %(stores)s and"
                        " cannot plan visits there.",
                        plan=plan.name,
                        user=user.name,
                        stores=", ".join(outside),
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        plans = super().create(vals_list)
        plans._check_planner_scope()
        return plans

    def write(self, vals):
        # the plan as it was must be the writer's, and as it becomes too
        self._check_planner_scope()
        res = super().write(vals)
        self._check_planner_scope()
        return res

    def _compute_inspection_count(self):
        counts = dict(
            self.env["boh.inspection"]._read_group(
                [("plan_id", "in", self.ids)], ["plan_id"], ["__count"]
            )
        )
        for plan in self:
            plan.inspection_count = counts.get(plan, 0)

    def _get_stores(self):
        self.ensure_one()
        stores = self.store_ids
        if self.region_id:
            stores |= self.env["boh.store"].search(
                [
                    ("region_id", "child_of", self.region_id.id),
                    ("store_type", "=", "store"),
                ]
            )
        return stores

    def _latest_template(self):
        self.ensure_one()
        return (
            self.env["boh.inspection.template"].search(
                [("origin_key", "=", self.template_id.origin_key)],
                order="version desc",
                limit=1,
            )
            or self.template_id
        )

    def _next_date_after(self, date):
        self.ensure_one()
        step = {
            "day": relativedelta(days=self.interval_number),
            "week": relativedelta(weeks=self.interval_number),
            "month": relativedelta(months=self.interval_number),
        }[self.interval_type]
        return date + step

    def _generate_inspections(self, today=None):
        """Create the inspections due within the plans' lead time.

        Idempotent: a (plan, store, date) already created is skipped.
        """
        today = today or fields.Date.context_today(self)
        vals_list = []
        for plan in self:
            template = plan._latest_template()
            stores = plan._get_stores()
            while plan.next_date <= today + relativedelta(days=plan.lead_days):
                existing = set(
                    plan.inspection_ids.filtered(
                        lambda i, d=plan.next_date: i.scheduled_date == d
                    ).store_id.ids
                )
                vals_list += [
                    {
                        "template_id": template.id,
                        "store_id": store.id,
                        "auditor_id": plan.auditor_id.id,
                        "plan_id": plan.id,
                        "kind": "planned",
                        "scheduled_date": plan.next_date,
                    }
                    for store in stores
                    if store.id not in existing
                ]
                plan.next_date = plan._next_date_after(plan.next_date)
        return self.env["boh.inspection"].create(vals_list)

    @api.model
    def _cron_generate_inspections(self):
        plans = self.search([])
        for plan in plans:
            try:
                with self.env.cr.savepoint():
                    plan._generate_inspections()
            except Exception:
                _logger.exception("Inspection plan %s: generation failed", plan.id)

    def action_generate_now(self):
        self.check_access("write")
        self._check_planner_scope()
        inspections = self._generate_inspections()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "boh_inspection.boh_inspection_action"
        )
        action["domain"] = [("id", "in", inspections.ids)]
        return action

    def action_view_inspections(self):
        self.ensure_one()
        self.check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "boh_inspection.boh_inspection_action"
        )
        action["domain"] = [("plan_id", "=", self.id)]
        return action
