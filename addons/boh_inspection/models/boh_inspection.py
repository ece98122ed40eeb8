import base64
import logging

from odoo import SUPERUSER_ID, _, api, fields, models, tools
from odoo.exceptions import UserError, ValidationError

from odoo.addons.boh_base.services.inputs import check_number

from ..lib import scoring

_logger = logging.getLogger(__name__)

DEFAULT_MAX_DISTANCE_M = 300
# A reading less precise than this is no position at all.
MAX_ACCURACY_M = 1e6


class BohInspection(models.Model):
    """A visit of a store, conducted against one template version.

    Answers are saved one by one while the visit is in progress.  Signing
    computes the scores, stores a SHA-256 hash of everything that makes up
    the score (answers, photos, signatures, section scores, total and grade)
    and locks the visit (``boh.inspection.lock.mixin``); only a BOH
    administrator can override the lock, with a reason written in the
    chatter.  A daily job checks the hash of every signed visit and marks
    the broken seals.
    """

    _name = "boh.inspection"
    _description = "Store Inspection"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "boh.inspection.lock.mixin",
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
    grade = fields.Char(readonly=True, copy=False)
    passed = fields.Boolean(readonly=True, copy=False)
    critical_failed = fields.Boolean(
        string="Critical Failure", readonly=True, copy=False
    )
    start_latitude = fields.Float(digits=(10, 7), readonly=True, copy=False)
    start_longitude = fields.Float(digits=(10, 7), readonly=True, copy=False)
    start_accuracy = fields.Float(string="Start Accuracy (m)", readonly=True)
    start_distance = fields.Float(string="Distance at Start (m)", readonly=True)
    sign_latitude = fields.Float(digits=(10, 7), readonly=True, copy=False)
    sign_longitude = fields.Float(digits=(10, 7), readonly=True, copy=False)
    sign_accuracy = fields.Float(string="Sign-off Accuracy (m)", readonly=True)
    sign_distance = fields.Float(string="Distance at Sign-off (m)", readonly=True)
    gps_warning = fields.Char(string="Location Warning", readonly=True, copy=False)
    signature = fields.Binary(attachment=True, readonly=True, copy=False)
    signed_by = fields.Char(readonly=True, copy=False)
    answer_hash = fields.Char(string="Answers Hash", readonly=True, copy=False)
    seal_broken = fields.Boolean(
        string="Seal Broken",
        readonly=True,
        copy=False,
        index=True,
        help="The signed visit no longer matches the hash taken at sign-off: it"
        " was changed outside the application.",
    )
    seal_broken_date = fields.Datetime(
        string="Seal Broken Since", readonly=True, copy=False
    )
    seal_checked_date = fields.Datetime(
        string="Seal Checked On", readonly=True, copy=False
    )
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

    # ------------------------------------------------------------- integrity
    def _hash_payload(self):
        """Everything that makes up the score of a signed visit."""
        self.ensure_one()
        answers = self.answer_ids.sorted("id")
        photos, signatures = {}, {}
        # sudo: the hash must cover every photo and signature whoever checks it.
        Attachment = self.env["ir.attachment"].sudo()
        for att in Attachment.search(
            [
                ("res_model", "=", "boh.inspection.answer"),
                ("res_field", "in", [False, "signature"]),
                ("res_id", "in", answers.ids),
            ],
            order="id",
        ):
            if att.res_field:
                signatures[att.res_id] = att.checksum
            else:
                photos.setdefault(att.res_id, []).append(att.checksum)
        signature = Attachment.search(
            [
                ("res_model", "=", self._name),
                ("res_field", "=", "signature"),
                ("res_id", "=", self.id),
            ],
            order="id",
        ).mapped("checksum")
        return {
            "inspection": [
                self.id,
                self.template_id.id,
                self.store_id.id,
                self.auditor_id.id,
                round(self.score, 4),
                self.grade,
                self.passed,
                self.critical_failed,
                self.item_count,
                self.answered_count,
                self.failed_count,
                round(self.progress, 4),
                self.signed_by,
                self.date_signed,
                signature,
            ],
            "answers": [
                [
                    a.id,
                    a.item_id.id,
                    a.is_na,
                    a.value_choice,
                    a.value_number,
                    a.value_text,
                    a.value_date,
                    sorted(a.option_ids.ids),
                    a.note,
                    a.answered,
                    a.answered_at,
                    a.counts,
                    a.score,
                    a.earned,
                    a.possible,
                    a.is_failed,
                    photos.get(a.id, []),
                    signatures.get(a.id),
                ]
                for a in answers
            ],
            "sections": [
                [
                    s.id,
                    s.section_id.id,
                    round(s.score, 4),
                    s.earned,
                    s.possible,
                    s.is_scored,
                ]
                for s in self.section_score_ids.sorted("id")
            ],
        }

    def _compute_answer_hash(self):
        self.ensure_one()
        return scoring.digest(self._hash_payload())

    def _store_hash(self):
        # sudo and lock lifted: the hash is the workflow's own seal, written
        # at sign-off and after a logged administrator override.
        for inspection in self.sudo()._boh_lock_lift():
            inspection.write(
                {
                    "answer_hash": inspection._compute_answer_hash(),
                    "seal_broken": False,
                    "seal_broken_date": False,
                }
            )

    def check_integrity(self):
        """True when the signed visit still matches the hash taken at sign-off."""
        self.ensure_one()
        self.check_access("read")
        # sudo: the hash covers every part of the visit, whoever checks it.
        inspection = self.sudo()
        if inspection.state != "signed" or not inspection.answer_hash:
            return True
        self.env.invalidate_all()
        return inspection._compute_answer_hash() == inspection.answer_hash

    def _check_seals(self):
        """Check the hash of each signed visit, record the result and warn on
        a newly broken seal; return the visits whose seal is broken."""
        now = fields.Datetime.now()
        broken = self.browse()
        for inspection in self:
            if inspection.check_integrity():
                broken_now = False
            else:
                broken_now = True
                broken |= inspection
            # sudo and lock lifted: the seal's state is the check's own record.
            target = inspection.sudo()._boh_lock_lift()
            vals = {"seal_checked_date": now}
            newly = broken_now and not target.seal_broken
            if broken_now != target.seal_broken:
                vals.update(
                    seal_broken=broken_now, seal_broken_date=now if newly else False
                )
            target.write(vals)
            if newly:
                target._warn_broken_seal()
        return broken

    def _warn_broken_seal(self):
        """Chatter note (by the system) and an activity for the area managers
        of the region and the BOH administrators."""
        admins = self.env.ref("boh_base.group_boh_admin").sudo().users
        todo = self.env.ref("mail.mail_activity_data_todo")
        for inspection in self:
            message = _(
                "Inspection %(inspection)s: the signed visit DOES NOT match the hash"
                " stored at sign-off; it was changed outside the application. The"
                " score %(score)s%% and grade %(grade)s shown are the stored ones"
                " and cannot be trusted.",
                inspection=inspection.name,
                score=round(inspection.score, 1),
                grade=inspection.grade or "",
            )
            inspection._boh_post_system(message)
            store = inspection.store_id
            users = (
                store.area_manager_id | store.region_id.user_ids | admins
            ).filtered(lambda u: u.active and not u.share and u.id != SUPERUSER_ID)
            # as the system (OdooBot): the activities are the check's
            record = inspection.with_user(SUPERUSER_ID)
            for user in users:
                record.activity_schedule(
                    activity_type_id=todo.id,
                    user_id=user.id,
                    summary=_("Broken seal of a signed inspection"),
                    note=message,
                )

    @api.model
    def _cron_check_integrity(self):
        """Daily: check the seal of every signed visit."""
        # sudo: the job checks every signed visit of every store
        inspections = self.sudo().search(
            [("state", "=", "signed"), ("answer_hash", "!=", False)]
        )
        broken = self.browse()
        for index in range(0, len(inspections), 200):
            batch = inspections[index : index + 200]
            broken |= batch._check_seals()
            self.env.invalidate_all()
        if broken:
            _logger.warning(
                "Broken seals of signed inspections: %s",
                ", ".join(broken.mapped("name")),
            )
        return broken

    def action_check_integrity(self):
        """Check the seal now (any reader of the visit may): the result is
        shown, a broken seal is recorded and noted by the system."""
        self.ensure_one()
        self.check_access("read")
        ok = not self._check_seals()
        message = (
            _(
                "Inspection %(inspection)s: the signed visit matches the hash"
                " stored at sign-off.",
                inspection=self.name,
            )
            if ok
            else _(
                "Inspection %(inspection)s: the signed visit DOES NOT match the"
                " hash stored at sign-off; it was changed outside the application.",
                inspection=self.name,
            )
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": message,
                "type": "success" if ok else "danger",
                "sticky": not ok,
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    # --------------------------------------------------------------- scoring
    def _visible_answers(self, answers=None):
        """Answers whose item is shown (follow-up items only when triggered)."""
        self.ensure_one()
        answers = answers if answers is not None else self.answer_ids
        by_item = {a.item_id.id: a for a in answers}

        def visible(item):
            parent = item.parent_item_id
            if not parent:
                return True
            parent_answer = by_item.get(parent.id)
            if not parent_answer or not parent_answer.answered or not visible(parent):
                return False
            return parent_answer.is_failed == (item.trigger == "fail")

        return answers.filtered(lambda a: visible(a.item_id))

    def _score_values(self, answers=None):
        """Scores of the inspection from its answers (nothing written)."""
        self.ensure_one()
        answers = self._visible_answers(answers)
        rows = [
            {
                "section": a.item_id.section_id.id,
                "weight": a.item_id.weight,
                "score": a.score if a.answered and a.counts else None,
                "critical": a.item_id.is_critical,
                "failed": a.answered and a.is_failed,
            }
            for a in answers
        ]
        result = scoring.compute_scores(rows)
        grade, passed = scoring.grade_for(
            result["score"],
            self.template_id._get_grade_bands(),
            result["critical_failed"],
        )
        result.update(
            grade=grade,
            passed=passed,
            item_count=len(answers),
            answered_count=len(answers.filtered("answered")),
            failed_count=len(answers.filtered(lambda a: a.answered and a.is_failed)),
        )
        return result

    def _update_progress(self):
        for inspection in self:
            result = inspection._score_values()
            # the scores follow the answers saved by the workflow
            inspection._boh_workflow().write(
                {
                    "score": result["score"] or 0.0,
                    "grade": result["grade"],
                    "passed": result["passed"],
                    "critical_failed": result["critical_failed"],
                    "item_count": result["item_count"],
                    "answered_count": result["answered_count"],
                    "failed_count": result["failed_count"],
                    "progress": 100.0
                    * result["answered_count"]
                    / (result["item_count"] or 1),
                }
            )
        return result if len(self) == 1 else None

    # ------------------------------------------------------------ GPS checks
    def _position_values(self, prefix, position):
        """Coordinates, accuracy and distance to the store of a GPS reading."""
        self.ensure_one()
        position = position or {}
        label = _("Inspection %(inspection)s", inspection=self.name)
        if not isinstance(position, dict):
            raise ValidationError(
                _(
                    "%(record)s: the GPS position must be latitude, longitude and"
                    " accuracy, not %(value)r.",
                    record=label,
                    value=position,
                )
            )
        lat, lon = position.get("latitude"), position.get("longitude")
        if lat is None or lon is None:
            return {}, _("No GPS position was given by the device.")
        lat = check_number(lat, label, _("Latitude"), minimum=-90, maximum=90)
        lon = check_number(lon, label, _("Longitude"), minimum=-180, maximum=180)
        accuracy = check_number(
            position.get("accuracy"),
            label,
            _("GPS Accuracy (m)"),
            minimum=0,
            maximum=MAX_ACCURACY_M,
        )
        vals = {
            f"{prefix}_latitude": lat,
            f"{prefix}_longitude": lon,
            f"{prefix}_accuracy": accuracy,
        }
        store = self.store_id
        warning = False
        if store.latitude or store.longitude:
            distance = scoring.haversine_m(lat, lon, store.latitude, store.longitude)
            vals[f"{prefix}_distance"] = distance
            limit = self._max_distance()
            if distance > limit:
                warning = _(
                    "The auditor was %(distance)s m from store %(store)s (more than"
                    " %(limit)s m).",
                    distance=round(distance),
                    store=store.display_name,
                    limit=limit,
                )
        return vals, warning

    def _max_distance(self):
        param = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("boh_inspection.max_distance_m")
        )
        return int(param) if param else DEFAULT_MAX_DISTANCE_M

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
        if self.state != "draft":
            raise UserError(
                _(
                    "Inspection %(inspection)s cannot start: it is %(state)s.",
                    inspection=self.name,
                    state=dict(self._fields["state"].selection)[self.state],
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

    def _check_complete(self):
        """Every required visible item answered, notes and photos given."""
        self.ensure_one()
        answers = self._visible_answers()
        problems = []
        for answer in answers:
            item = answer.item_id
            if not answer.answered:
                if item.is_required:
                    problems.append(_("%(item)s: no answer", item=item.name))
                continue
            if answer.is_failed and item.note_required_on_fail and not answer.note:
                problems.append(_("%(item)s: a note is required", item=item.name))
            if (
                answer.is_failed
                and item.photo_required_on_fail
                and not answer.photo_count
            ) or (
                item.item_type == "photo"
                and not answer.is_na
                and not answer.photo_count
            ):
                problems.append(_("%(item)s: a photo is required", item=item.name))
            if (
                item.item_type == "signature"
                and not answer.is_na
                and not answer.signature
            ):
                problems.append(_("%(item)s: the signature is missing", item=item.name))
        if problems:
            raise UserError(
                _(
                    "Inspection %(inspection)s is incomplete and cannot be signed:"
                    "\n%(problems)s",
                    inspection=self.name,
                    problems="\n".join(problems[:20]),
                )
            )

    def action_sign(self, signature=None, signed_by=None, position=None):
        """Sign off: check, score, lock and hash; create the corrective actions
        and send the report.  Nothing is written when a check fails."""
        self.ensure_one()
        self._check_conduct()
        if self.state != "in_progress":
            raise UserError(
                _(
                    "Inspection %(inspection)s cannot be signed: it is not in"
                    " progress.",
                    inspection=self.name,
                )
            )
        if (
            not signature
            or not isinstance(signature, str)
            or not isinstance(signed_by, str)
            or not signed_by.strip()
        ):
            raise UserError(
                _(
                    "Inspection %(inspection)s: the store manager's signature and"
                    " name are required to sign off.",
                    inspection=self.name,
                )
            )
        try:
            raw = base64.b64decode(signature, validate=True)
        except (TypeError, ValueError) as exc:
            raise UserError(
                _(
                    "Inspection %(inspection)s: the signature is not an image.",
                    inspection=self.name,
                )
            ) from exc
        self.env["boh.inspection.answer"]._check_signature(raw, self.name)
        self._check_complete()
        vals, warning = self._position_values("sign", position)
        self.answer_ids._flag_repeat_failures()
        result = self._score_values()
        workflow = self._boh_workflow()
        # The signature attachment is written while the visit is still open.
        workflow.write({"signature": signature, "signed_by": signed_by.strip()})
        vals.update(
            {
                "date_signed": self._sign_datetime(),
                "state": "signed",
                "score": result["score"] or 0.0,
                "grade": result["grade"],
                "passed": result["passed"],
                "critical_failed": result["critical_failed"],
                "item_count": result["item_count"],
                "answered_count": result["answered_count"],
                "failed_count": result["failed_count"],
                "progress": 100.0
                * result["answered_count"]
                / (result["item_count"] or 1),
            }
        )
        if warning:
            vals["gps_warning"] = "\n".join(filter(None, [self.gps_warning, warning]))
        # sudo: the section scores are the sign-off's own, written after the
        # caller's right to conduct this visit was checked (store roles and
        # area managers only read them).
        self.section_score_ids.sudo().unlink()
        self.env["boh.inspection.section.score"].sudo().create(
            [
                {
                    "inspection_id": self.id,
                    "section_id": section_id,
                    "score": values["score"] or 0.0,
                    "earned": values["earned"],
                    "possible": values["possible"],
                    "is_scored": values["score"] is not None,
                }
                for section_id, values in result["sections"].items()
            ]
        )
        workflow.write(vals)
        self._store_hash()
        self.answer_ids._create_auto_actions()
        self._boh_post_system(
            _(
                "Signed by %(name)s: score %(score)s%%, grade %(grade)s.",
                name=self.signed_by,
                score=round(self.score, 1),
                grade=self.grade,
            )
            + (f" {warning}" if warning else ""),
            as_user=True,
        )
        self._send_report()
        return {"score": self.score, "grade": self.grade, "passed": self.passed}

    def _sign_datetime(self):
        # Demo data back-dates its visits; only the superuser may do so.
        if self.env.su and self.env.context.get("boh_inspection_sign_date"):
            return self.env.context["boh_inspection_sign_date"]
        return fields.Datetime.now()

    def _send_report(self):
        """Mail the report to the store manager and the area manager."""
        template = self.env.ref(
            "boh_inspection.mail_template_inspection_report", raise_if_not_found=False
        )
        if not template or self.env.context.get("boh_inspection_no_report"):
            return
        report = self.env["ir.actions.report"]
        pdf_ok = (
            tools.config["test_enable"] or report.get_wkhtmltopdf_state() != "install"
        )
        root = self.env.ref("base.partner_root")
        # sudo: the report is the sign-off's, sent by the system (the auditor
        # may have no email address) after the sign-off's checks.
        for inspection in self.sudo():
            partners = (
                inspection.store_manager_id | inspection.area_manager_id
            ).partner_id
            if not partners:
                continue
            if pdf_ok:
                inspection.message_post_with_source(
                    template,
                    author_id=root.id,
                    email_from=root.email_formatted,
                    message_type="comment",
                    subtype_xmlid="mail.mt_comment",
                    partner_ids=partners.ids,
                )
            else:
                # No PDF engine on this server: the mail goes without the report.
                _logger.info(
                    "wkhtmltopdf missing: report of %s not attached", self.name
                )
                inspection.message_post(
                    body=template._render_field("body_html", inspection.ids)[
                        inspection.id
                    ],
                    subject=template._render_field("subject", inspection.ids)[
                        inspection.id
                    ],
                    author_id=root.id,
                    email_from=root.email_formatted,
                    message_type="comment",
                    subtype_xmlid="mail.mt_comment",
                    partner_ids=partners.ids,
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
        inspection_sudo = self.sudo()
        template = inspection_sudo.template_id
        items = template.item_ids
        items.fetch(
            [
                "section_id",
                "sequence",
                "name",
                "guidance",
                "item_type",
                "weight",
                "is_critical",
                "photo_required_on_fail",
                "note_required_on_fail",
                "is_required",
                "yes_is_pass",
                "scale_max",
                "scale_pass_min",
                "has_min",
                "min_value",
                "has_max",
                "max_value",
                "unit",
                "parent_item_id",
                "trigger",
                "option_ids",
            ]
        )
        options = items.option_ids
        options.fetch(["name", "sequence", "is_failure"])
        with_reference = set(
            items.search(
                [("id", "in", items.ids), ("reference_image", "!=", False)]
            ).ids
        )
        answers = inspection_sudo.answer_ids
        answers.fetch(
            [
                "item_id",
                "is_na",
                "value_choice",
                "value_number",
                "value_text",
                "value_date",
                "option_ids",
                "note",
                "answered",
                "answered_at",
                "score",
                "is_failed",
            ]
        )
        # photos and drawn signatures of the answers, in one query
        photos, signed_answers = {}, set()
        for att in self.env["ir.attachment"].search_read(
            [
                ("res_model", "=", "boh.inspection.answer"),
                ("res_field", "in", [False, "signature"]),
                ("res_id", "in", answers.ids),
            ],
            ["res_id", "name", "res_field"],
            order="id",
        ):
            if att["res_field"]:
                signed_answers.add(att["res_id"])
            else:
                photos.setdefault(att["res_id"], []).append(
                    {"id": att["id"], "name": att["name"]}
                )
        sections = []
        for section in template.section_ids:
            sections.append(
                {
                    "id": section.id,
                    "name": section.name,
                    "items": [
                        {
                            "id": item.id,
                            "name": item.name,
                            "guidance": item.guidance or "",
                            "type": item.item_type,
                            "critical": item.is_critical,
                            "photo_required_on_fail": item.photo_required_on_fail,
                            "note_required_on_fail": item.note_required_on_fail,
                            "required": item.is_required,
                            "scale_max": item.scale_max,
                            "scale_pass_min": item.scale_pass_min,
                            "yes_is_pass": item.yes_is_pass,
                            "min": item.min_value if item.has_min else None,
                            "max": item.max_value if item.has_max else None,
                            "unit": item.unit or "",
                            "parent_item_id": item.parent_item_id.id,
                            "trigger": item.trigger,
                            "has_reference_image": item.id in with_reference,
                            "options": [
                                {"id": o.id, "name": o.name, "failure": o.is_failure}
                                for o in item.option_ids
                            ],
                        }
                        for item in items
                        if item.section_id == section
                    ],
                }
            )
        return {
            "id": self.id,
            "name": self.name,
            "state": self.state,
            "store": inspection_sudo.store_id.display_name,
            "store_manager": inspection_sudo.store_manager_id.name or "",
            "template": template.display_name,
            "gps_warning": self.gps_warning or "",
            "score": self.score,
            "grade": self.grade or "",
            "progress": self.progress,
            "sections": sections,
            "answers": {
                a.item_id.id: a._conduct_values(
                    photos.get(a.id, []), a.id in signed_answers
                )
                for a in answers
            },
        }
