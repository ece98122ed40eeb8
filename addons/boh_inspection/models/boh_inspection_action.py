import logging

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .boh_inspection_item import SEVERITIES

_logger = logging.getLogger(__name__)

# Days overdue from which each level of escalation is reached:
# 1 store manager, 2 area manager, 3 head of the region.
# (ir.config_parameter boh_inspection.escalation_days, e.g. "1,4,8")
ESCALATION_DAYS = (1, 4, 8)


class BohInspectionAction(models.Model):
    """A corrective action the store owes after a failed item.

    Open -> evidence submitted by the store -> accepted by the auditor (done)
    or rejected (open again).  Overdue open actions escalate every day.
    """

    _name = "boh.inspection.action"
    _description = "Corrective Action"
    _inherit = ["mail.thread", "mail.activity.mixin", "boh.guard.mixin"]
    _order = "due_date, id"

    # Set by the steps (submit, accept, reject, cancel, escalation) only.
    _boh_workflow_fields = frozenset(
        {
            "state",
            "verified_by_id",
            "date_done",
            "days_to_close",
            "rejection_reason",
            "escalation_level",
            "is_automatic",
        }
    )
    # Where the action comes from; the related fields would write through to
    # the inspection and its answer (moving the visit to another store).
    _boh_create_only_fields = frozenset(
        {
            "inspection_id",
            "answer_id",
            "store_id",
            "region_id",
            "template_id",
            "auditor_id",
            "item_id",
            "item_key",
            "section_id",
            "is_repeat",
        }
    )

    name = fields.Char(string="Title", required=True, tracking=True)
    description = fields.Text()
    inspection_id = fields.Many2one(
        "boh.inspection", required=True, ondelete="cascade", index=True
    )
    answer_id = fields.Many2one(
        "boh.inspection.answer", ondelete="set null", index=True, readonly=True
    )
    item_id = fields.Many2one(related="answer_id.item_id", store=True)
    item_key = fields.Char(related="answer_id.item_key", store=True)
    section_id = fields.Many2one(related="answer_id.section_id", store=True)
    store_id = fields.Many2one(related="inspection_id.store_id", store=True, index=True)
    region_id = fields.Many2one(related="inspection_id.region_id", store=True)
    template_id = fields.Many2one(related="inspection_id.template_id", store=True)
    auditor_id = fields.Many2one(related="inspection_id.auditor_id", store=True)
    is_repeat = fields.Boolean(
        related="answer_id.is_repeat_failure", store=True, string="Repeat Failure"
    )
    finding_photo_ids = fields.One2many(
        related="answer_id.photo_ids", string="Photos of the Finding"
    )
    severity = fields.Selection(SEVERITIES, default="medium", required=True)
    is_automatic = fields.Boolean(
        string="Automatic",
        readonly=True,
        help="Created by the rule of the item as soon as the failure was saved;"
        " removed if the answer passes again before the store works on it.",
    )
    assignee_id = fields.Many2one(
        "res.users", string="Assigned To", tracking=True, index=True
    )
    due_date = fields.Date(required=True, tracking=True, index=True)
    state = fields.Selection(
        [
            ("open", "Open"),
            ("submitted", "Evidence Submitted"),
            ("done", "Accepted"),
            ("cancel", "Cancelled"),
        ],
        default="open",
        required=True,
        tracking=True,
        index=True,
    )
    evidence_note = fields.Text(string="Evidence")
    evidence_attachment_ids = fields.Many2many(
        "ir.attachment",
        "boh_inspection_action_evidence_rel",
        "action_id",
        "attachment_id",
        string="Evidence Photos",
    )
    rejection_reason = fields.Text(tracking=True)
    verified_by_id = fields.Many2one("res.users", readonly=True)
    date_done = fields.Datetime(string="Closed On", readonly=True)
    days_to_close = fields.Float(readonly=True, aggregator="avg")
    is_done = fields.Boolean(compute="_compute_is_done", store=True)
    done_count = fields.Integer(
        compute="_compute_is_done", store=True, aggregator="sum"
    )
    completion_rate = fields.Float(
        string="Completion Rate (%)",
        compute="_compute_is_done",
        store=True,
        aggregator="avg",
        help="100 for an accepted action, else 0: its average over a group is the"
        " share of actions completed.",
    )
    is_overdue = fields.Boolean(
        compute="_compute_is_overdue", search="_search_is_overdue"
    )
    escalation_level = fields.Integer(readonly=True, tracking=True, default=0)

    @api.depends("state")
    def _compute_is_done(self):
        for action in self:
            action.is_done = action.state == "done"
            action.done_count = int(action.is_done)
            action.completion_rate = 100.0 if action.is_done else 0.0

    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for action in self:
            action.is_overdue = action.state == "open" and action.due_date < today

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on overdue actions."))
        domain = [
            ("state", "=", "open"),
            ("due_date", "<", fields.Date.context_today(self)),
        ]
        if (operator == "=") == value:
            return domain
        return ["!", "&", *domain]

    @api.depends("name", "store_id")
    def _compute_display_name(self):
        for action in self:
            action.display_name = f"{action.store_id.code or ''}: {action.name}"

    @api.constrains("inspection_id", "answer_id")
    def _check_origin(self):
        for action in self:
            if (
                action.answer_id
                and action.answer_id.inspection_id != action.inspection_id
            ):
                raise ValidationError(
                    _(
                        "Corrective action %(action)s: answer %(answer)s is not an"
                        " answer of inspection %(inspection)s.",
                        action=action.name,
                        answer=action.answer_id.display_name,
                        inspection=action.inspection_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        actions = super().create(vals_list)
        for action in actions.filtered("assignee_id"):
            action.message_subscribe(partner_ids=action.assignee_id.partner_id.ids)
        return actions

    # ---------------------------------------------------------------- steps
    def action_submit_evidence(self):
        self.check_access("write")
        for action in self:
            if action.state != "open":
                raise UserError(
                    _(
                        "Corrective action %(action)s is not open.",
                        action=action.display_name,
                    )
                )
            if not action.evidence_note and not action.evidence_attachment_ids:
                raise UserError(
                    _(
                        "Corrective action %(action)s: give a note or a photo as"
                        " evidence.",
                        action=action.display_name,
                    )
                )
        self._boh_workflow().write({"state": "submitted"})
        # as the system (OdooBot): the step asks the auditor, after the
        # caller's right on these actions was checked; the store's user may
        # have no email address to notify from.
        for action in self.with_user(SUPERUSER_ID):
            if action.auditor_id:
                action.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=action.auditor_id.id,
                    summary=_("Verify the evidence"),
                )

    def _check_verifier(self):
        if not self.env.user.has_group("boh_base.group_boh_area_manager"):
            raise AccessError(
                _("Only auditors and area managers verify corrective actions.")
            )
        self.check_access("write")
        for action in self:
            if action.state != "submitted":
                raise UserError(
                    _(
                        "Corrective action %(action)s has no evidence to verify.",
                        action=action.display_name,
                    )
                )

    def action_accept(self):
        self._check_verifier()
        now = fields.Datetime.now()
        for action in self._boh_workflow():
            action.write(
                {
                    "state": "done",
                    "verified_by_id": self.env.user.id,
                    "date_done": now,
                    "days_to_close": (now - action.create_date).total_seconds()
                    / 86400.0,
                }
            )
        # sudo: the step closes the verification activities of these actions
        self.sudo().activity_ids.action_feedback(feedback=_("Accepted"))

    def action_reject(self, reason=None):
        self._check_verifier()
        if reason is not None and reason is not False and not isinstance(reason, str):
            raise ValidationError(
                _(
                    "Corrective action %(action)s: the reason of the rejection must be"
                    " a text, not %(value)r.",
                    action=", ".join(self.mapped("display_name")),
                    value=reason,
                )
            )
        self._boh_workflow().write(
            {
                "state": "open",
                "verified_by_id": self.env.user.id,
                "rejection_reason": reason or _("Evidence not sufficient"),
            }
        )
        # sudo: the step closes the verification activities of these actions
        self.sudo().activity_ids.action_feedback(feedback=_("Rejected"))

    def action_cancel(self):
        self._check_verifier_group()
        self._boh_workflow().write({"state": "cancel"})

    def _check_verifier_group(self):
        if not self.env.user.has_group("boh_base.group_boh_area_manager"):
            raise AccessError(
                _("Only auditors and area managers cancel corrective actions.")
            )
        self.check_access("write")

    # ----------------------------------------------------------- escalation
    def _escalation_days(self):
        param = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("boh_inspection.escalation_days")
        )
        if param:
            try:
                return tuple(int(x) for x in param.split(","))[:3]
            except ValueError:
                _logger.warning("Invalid boh_inspection.escalation_days %r", param)
        return ESCALATION_DAYS

    def _escalation_target(self, level):
        self.ensure_one()
        store = self.store_id
        if level == 1:
            return store.manager_id or self.assignee_id
        if level == 2:
            return store.area_manager_id or self.auditor_id
        return store.region_id.head_id

    @api.model
    def _cron_escalate_overdue(self):
        """Daily: notify the next level for each overdue open action."""
        today = fields.Date.context_today(self)
        thresholds = self._escalation_days()
        actions = self.search([("is_overdue", "=", True)])
        for action in actions:
            late = (today - action.due_date).days
            level = sum(1 for days in thresholds if late >= days)
            if level <= action.escalation_level:
                continue
            for step in range(action.escalation_level + 1, level + 1):
                user = action._escalation_target(step)
                if not user:
                    continue
                action.with_user(SUPERUSER_ID).activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=user.id,
                    summary=_(
                        "Overdue corrective action (level %(level)s)", level=step
                    ),
                    note=_(
                        "%(action)s at %(store)s was due on %(date)s.",
                        action=action.name,
                        store=action.store_id.display_name,
                        date=action.due_date,
                    ),
                )
            action._boh_workflow().escalation_level = level
        return actions
