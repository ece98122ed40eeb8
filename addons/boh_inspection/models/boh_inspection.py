from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..services import conduct_payload


class BohInspection(models.Model):
    """A visit of a store, conducted against one template version.

    Answers are saved one by one while the visit is in progress.  Signing
    computes the scores, stores a SHA-256 hash of everything that makes up
    the score (answers, photos, signatures, section scores, total and grade)
    and locks the visit (``boh.inspection.lock.mixin``); only a BOH
    administrator can override the lock, with a reason written in the
    chatter.  A daily job checks the hash of every signed visit and marks
    the broken seals (``boh.inspection.integrity.mixin``).  The phone's GPS
    readings at start and sign-off are checked against the store's position
    (``boh.inspection.gps.mixin``); the phone screen's JSON is built in
    ``services/conduct_payload.py``.
    """

    _name = "boh.inspection"
    _description = "Store Inspection"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "boh.inspection.lock.mixin",
        "boh.inspection.integrity.mixin",
        "boh.inspection.gps.mixin",
        "boh.inspection.scoring.mixin",
        "boh.inspection.signoff.mixin",
        "boh.guard.mixin",
    ]
    _order = "date desc, id desc"

    # Set by the workflow (start, answers, sign-off, integrity check) only.
    _boh_workflow_fields = frozenset(
        {
            "state",
            "date_start",
            "date_signed",
            "item_count",
            "answered_count",
            "progress",
            "failed_count",
            "score",
            "grade",
            "passed",
            "critical_failed",
            "start_latitude",
            "start_longitude",
            "start_accuracy",
            "start_distance",
            "sign_latitude",
            "sign_longitude",
            "sign_accuracy",
            "sign_distance",
            "gps_warning",
            "signature",
            "signed_by",
            "answer_hash",
            "seal_broken",
            "seal_broken_date",
            "seal_checked_date",
        }
    )
    _boh_create_only_fields = frozenset({"store_id", "template_id", "plan_id"})
    # Fields that may still change once the inspection is signed: the
    # chatter's and the seal's (written by the integrity check).
    _boh_lock_free_fields = frozenset(
        {
            "message_follower_ids",
            "message_main_attachment_id",
            "activity_ids",
            "activity_user_id",
            "activity_type_id",
            "activity_date_deadline",
            "activity_summary",
            "seal_broken",
            "seal_broken_date",
            "seal_checked_date",
        }
    )

    name = fields.Char(
        string="Reference", readonly=True, copy=False, default=lambda self: _("New")
    )
    company_id = fields.Many2one(related="store_id.company_id", store=True)
    template_id = fields.Many2one(
        "boh.inspection.template",
        string="Template",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    template_origin_key = fields.Char(related="template_id.origin_key", store=True)
    store_id = fields.Many2one(
        "boh.store",
        required=True,
        index=True,
        domain="[('store_type', '=', 'store')]",
        tracking=True,
    )
    region_id = fields.Many2one(related="store_id.region_id", store=True, index=True)
    store_manager_id = fields.Many2one(related="store_id.manager_id")
    area_manager_id = fields.Many2one(related="store_id.area_manager_id")
    auditor_id = fields.Many2one(
        "res.users",
        string="Auditor",
        required=True,
        index=True,
        default=lambda self: self.env.user,
        tracking=True,
    )
    plan_id = fields.Many2one("boh.inspection.plan", index=True, readonly=True)
    kind = fields.Selection(
        [("planned", "Planned"), ("surprise", "Surprise")],
        default="surprise",
        required=True,
    )
    state = fields.Selection(
        [
            ("draft", "Scheduled"),
            ("in_progress", "In Progress"),
            ("signed", "Signed"),
            ("cancel", "Cancelled"),
        ],
        default="draft",
        required=True,
        tracking=True,
        index=True,
        copy=False,
    )
    scheduled_date = fields.Date(default=fields.Date.context_today, required=True)
    date = fields.Date(
        compute="_compute_date",
        store=True,
        index=True,
        help="Visit date: the day of the signature, else the scheduled day.",
    )
    date_start = fields.Datetime(string="Started On", readonly=True, copy=False)
    date_signed = fields.Datetime(string="Signed On", readonly=True, copy=False)
    answer_ids = fields.One2many("boh.inspection.answer", "inspection_id")
    section_score_ids = fields.One2many(
        "boh.inspection.section.score", "inspection_id", string="Section Scores"
    )
    action_ids = fields.One2many(
        "boh.inspection.action", "inspection_id", string="Corrective Actions"
    )
    action_count = fields.Integer(compute="_compute_action_count")
    item_count = fields.Integer(readonly=True, copy=False)
    answered_count = fields.Integer(readonly=True, copy=False)
    progress = fields.Float(readonly=True, copy=False, aggregator="avg")
    failed_count = fields.Integer(readonly=True, copy=False)
    score = fields.Float(
        string="Score (%)", readonly=True, copy=False, aggregator="avg"
    )
    grade = fields.Char(string="Grade as Signed", readonly=True, copy=False)
    grade_label = fields.Char(
        string="Grade",
        compute="_compute_grade_label",
        help="The grade in the reader's language (the grade is kept as signed).",
    )
    passed = fields.Boolean(readonly=True, copy=False)
    critical_failed = fields.Boolean(
        string="Critical Failure", readonly=True, copy=False
    )
    signature = fields.Binary(attachment=True, readonly=True, copy=False)
    signed_by = fields.Char(readonly=True, copy=False)
    note = fields.Text(string="Summary")

    @api.depends("scheduled_date", "date_signed")
    def _compute_date(self):
        for inspection in self:
            inspection.date = (
                fields.Date.context_today(inspection, inspection.date_signed)
                if inspection.date_signed
                else inspection.scheduled_date
            )

    def _compute_action_count(self):
        counts = dict(
            self.env["boh.inspection.action"]._read_group(
                [("inspection_id", "in", self.ids)], ["inspection_id"], ["__count"]
            )
        )
        for inspection in self:
            inspection.action_count = counts.get(inspection, 0)

    @api.constrains("template_id", "store_id")
    def _check_template_company(self):
        for inspection in self:
            company = inspection.template_id.company_id
            if company and company != inspection.store_id.company_id:
                raise ValidationError(
                    _(
                        "Inspection %(inspection)s: template %(template)s belongs"
                        " to another company than store %(store)s.",
                        inspection=inspection.name,
                        template=inspection.template_id.display_name,
                        store=inspection.store_id.display_name,
                    )
                )

    @api.constrains("auditor_id", "store_id")
    def _check_auditor_supervises(self):
        """The auditor of a visit supervises its store (or is an administrator)."""
        for inspection in self:
            # sudo: who supervises the store decides, whatever the user reads
            store = inspection.store_id.sudo()
            auditor = inspection.auditor_id
            if auditor in store.supervisor_ids or auditor.has_group(
                "boh_base.group_boh_admin"
            ):
                continue
            raise ValidationError(
                _(
                    "Inspection %(inspection)s: auditor %(auditor)s does not"
                    " supervise store %(store)s.",
                    inspection=inspection.name,
                    auditor=auditor.name,
                    store=store.display_name,
                )
            )

    # ------------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        sequence = self.env["ir.sequence"]
        for vals in vals_list:
            if vals.get("name", _("New")) == _("New"):
                vals["name"] = sequence.next_by_code("boh.inspection") or _("New")
        inspections = super().create(vals_list)
        # whether a version is used is computed without dependencies
        inspections.template_id.invalidate_recordset(["is_used", "inspection_count"])
        inspections._create_answers()
        return inspections

    def _create_answers(self):
        """One empty answer per item of the template version, in one batch."""
        items_by_template = {
            template: template.item_ids for template in self.template_id
        }
        self.env["boh.inspection.answer"].create(
            [
                {"inspection_id": inspection.id, "item_id": item.id}
                for inspection in self
                for item in items_by_template[inspection.template_id]
            ]
        )
        for inspection in self:
            inspection._boh_workflow().item_count = len(
                items_by_template[inspection.template_id]
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_signed(self):
        for inspection in self:
            if inspection.state == "signed":
                raise UserError(
                    _(
                        "Inspection %(inspection)s is signed: it cannot be deleted.",
                        inspection=inspection.name,
                    )
                )

    # --------------------------------------------------------------- locking
    def _boh_lock_inspections(self):
        return self

    @api.model
    def _boh_lock_inspections_of_vals(self, vals_list):
        return self.browse()  # a new visit is never signed

    # ---------------------------------------------------------------- system
    def _boh_post_system(self, body, as_user=False, **kwargs):
        """A note of the workflow in the chatter: authored by the user who
        took the step (``as_user``: a sign-off, a start far from the store, an
        override), by the system (OdooBot) for what the system found (a broken
        seal). Users without an email address author notes too."""
        # sudo: the workflow's notes are posted after the caller's rights on
        # the visit were checked (a signed visit is read-only to them).
        author = (
            self.env.user.partner_id if as_user else self.env.ref("base.partner_root")
        )
        kwargs.setdefault("message_type", "notification")
        kwargs.setdefault("subtype_xmlid", "mail.mt_note")
        for inspection in self.sudo():
            inspection.message_post(
                body=body,
                author_id=author.id,
                email_from=author.email_formatted or None,
                **kwargs,
            )

    # --------------------------------------------------------------- actions
    def _check_conduct(self):
        """The caller conducts these visits: an area manager (or administrator)
        who may change them, i.e. who supervises their stores."""
        self.check_access("write")

    def action_start(self, position=None):
        """Start the visit (from the phone): time and GPS position."""
        self.ensure_one()
        self._check_conduct()
        if self.state == "in_progress":
            return {"warning": self.gps_warning or False}
        if self.state == "signed":
            raise UserError(
                _(
                    "Inspection %(inspection)s cannot start: it is signed.",
                    inspection=self.name,
                )
            )
        if self.state != "draft":
            raise UserError(
                _(
                    "Inspection %(inspection)s cannot start: it is cancelled.",
                    inspection=self.name,
                )
            )
        vals, warning = self._position_values("start", position)
        vals.update(state="in_progress", date_start=fields.Datetime.now())
        if warning:
            vals["gps_warning"] = warning
        self._boh_workflow().write(vals)
        if warning:
            self._boh_post_system(warning, as_user=True)
        return {"warning": warning or False}

    def action_conduct(self):
        self.ensure_one()
        self.check_access("read")
        return {
            "type": "ir.actions.client",
            "tag": "boh_inspection_conduct",
            "name": self.name,
            "params": {"inspection_id": self.id},
            "context": {"active_id": self.id},
        }

    def action_cancel(self):
        self._check_conduct()
        for inspection in self:
            if inspection.state == "signed":
                raise UserError(
                    _(
                        "Inspection %(inspection)s is signed: it cannot be cancelled.",
                        inspection=inspection.name,
                    )
                )
        self._boh_workflow().write({"state": "cancel"})

    def action_reset_draft(self):
        self._check_conduct()
        self.filtered(lambda i: i.state == "cancel")._boh_workflow().write(
            {"state": "draft"}
        )

    def action_view_actions(self):
        self.ensure_one()
        self.check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "boh_inspection.boh_inspection_action_action"
        )
        action["domain"] = [("inspection_id", "=", self.id)]
        action["context"] = {"default_inspection_id": self.id}
        return action

    # ------------------------------------------------------------ phone page
    def get_conduct_data(self):
        """Everything the phone page needs, in one call and a few queries."""
        self.ensure_one()
        self.check_access("read")
        # sudo: whoever reads the inspection may read its template, answers
        # and photos (their access follows the inspection); skipping the
        # record rules of each of those models keeps this call to a few queries.
        return conduct_payload.inspection_data(self, self.sudo())
