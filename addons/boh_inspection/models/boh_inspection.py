import base64
import hashlib
import logging

from odoo import _, api, fields, models, tools
from odoo.exceptions import AccessError, UserError, ValidationError

from ..lib import scoring

_logger = logging.getLogger(__name__)

DEFAULT_MAX_DISTANCE_M = 300


class BohInspection(models.Model):
    """A visit of a store, conducted against one template version.

    Answers are saved one by one while the visit is in progress.  Signing
    computes the scores, stores a SHA-256 hash of every answer, and locks the
    inspection, its answers and their photos; only a BOH administrator can
    override the lock, with a reason written in the chatter.
    """

    _name = "boh.inspection"
    _description = "Store Inspection"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"

    # Fields that may still change once the inspection is signed.
    _UNLOCKED_FIELDS = frozenset(
        {
            "message_follower_ids",
            "message_main_attachment_id",
            "activity_ids",
            "activity_user_id",
            "activity_type_id",
            "activity_date_deadline",
            "activity_summary",
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
            inspection.item_count = len(items_by_template[inspection.template_id])

    def write(self, vals):
        self._check_lock(set(vals))
        override = self.env.context.get("boh_inspection_override")
        locked = self.filtered(lambda i: i.state == "signed")
        res = super().write(vals)
        if override and locked and set(vals) - self._UNLOCKED_FIELDS:
            locked._log_override(
                override, _("fields %(fields)s", fields=", ".join(sorted(vals)))
            )
        return res

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
    def _check_lock(self, field_names):
        """Refuse a change of a signed inspection (admin override aside)."""
        if not field_names - self._UNLOCKED_FIELDS:
            return
        if self.env.context.get("boh_inspection_internal") and self.env.su:
            return
        signed = self.filtered(lambda i: i.state == "signed")
        if not signed:
            return
        if self._is_override():
            return
        raise UserError(
            _(
                "Inspection %(inspection)s is signed and locked: %(fields)s cannot"
                " change.",
                inspection=", ".join(signed.mapped("name")),
                fields=", ".join(sorted(field_names - self._UNLOCKED_FIELDS)),
            )
        )

    def _is_override(self):
        """The documented administrator override: context key
        ``boh_inspection_override`` holding the reason, used by a BOH
        administrator.  Every use is written in the inspection's chatter."""
        reason = self.env.context.get("boh_inspection_override")
        if not reason:
            return False
        if not self.env.user.has_group("boh_base.group_boh_admin"):
            raise AccessError(
                _(
                    "Only a BOH administrator can override the lock of a signed"
                    " inspection."
                )
            )
        return True

    def _log_override(self, reason, what):
        for inspection in self:
            inspection.message_post(
                body=_(
                    "Administrator override by %(user)s on a signed inspection"
                    " (%(what)s). Reason: %(reason)s",
                    user=self.env.user.name,
                    what=what,
                    reason=reason,
                )
            )

    # ------------------------------------------------------------- integrity
    def _hash_payload(self):
        self.ensure_one()
        answers = self.answer_ids.sorted("id")
        photos = {}
        # sudo: the hash must cover every photo whoever checks it.
        for att in (
            self.env["ir.attachment"]
            .sudo()
            .search(
                [
                    ("res_model", "=", "boh.inspection.answer"),
                    ("res_id", "in", answers.ids),
                ],
                order="id",
            )
        ):
            photos.setdefault(att.res_id, []).append(att.checksum)
        signatures = {
            att.res_id: att.checksum
            for att in self.env["ir.attachment"]
            .sudo()
            .search(
                [
                    ("res_model", "=", "boh.inspection.answer"),
                    ("res_field", "=", "signature"),
                    ("res_id", "in", answers.ids),
                ]
            )
        }
        signature = self.signature and base64.b64decode(self.signature)
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
                self.signed_by,
                self.date_signed,
                hashlib.sha256(signature).hexdigest() if signature else None,
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
                    a.answered_at,
                    a.score,
                    a.is_failed,
                    photos.get(a.id, []),
                    signatures.get(a.id),
                ]
                for a in answers
            ],
        }

    def _compute_answer_hash(self):
        self.ensure_one()
        return scoring.digest(self._hash_payload())

    def _store_hash(self):
        for inspection in self:
            inspection.sudo().with_context(boh_inspection_internal=True).write(
                {"answer_hash": inspection._compute_answer_hash()}
            )

    def check_integrity(self):
        """True when the stored answers still match the hash taken at sign-off."""
        self.ensure_one()
        if self.state != "signed" or not self.answer_hash:
            return True
        self.env.invalidate_all()
        return self._compute_answer_hash() == self.answer_hash

    def action_check_integrity(self):
        self.ensure_one()
        ok = self.check_integrity()
        message = (
            _("The answers match the hash stored at sign-off.")
            if ok
            else _(
                "Inspection %(inspection)s: the answers DO NOT match the hash"
                " stored at sign-off; they were changed outside the application.",
                inspection=self.name,
            )
        )
        if not ok:
            self.message_post(body=message)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": message,
                "type": "success" if ok else "danger",
                "sticky": not ok,
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
            inspection.write(
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
        lat, lon = position.get("latitude"), position.get("longitude")
        if lat is None or lon is None:
            return {}, _("No GPS position was given by the device.")
        try:
            lat, lon = float(lat), float(lon)
            accuracy = float(position.get("accuracy") or 0.0)
        except (TypeError, ValueError) as exc:
            raise UserError(
                _(
                    "Inspection %(inspection)s: invalid GPS position.",
                    inspection=self.name,
                )
            ) from exc
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise UserError(
                _(
                    "Inspection %(inspection)s: invalid GPS position.",
                    inspection=self.name,
                )
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
    def action_start(self, position=None):
        """Start the visit (from the phone): time and GPS position."""
        self.ensure_one()
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
        self.write(vals)
        if warning:
            self.message_post(body=warning)
        return {"warning": warning or False}

    def action_conduct(self):
        self.ensure_one()
        return {
            "type": "ir.actions.client",
            "tag": "boh_inspection_conduct",
            "name": self.name,
            "params": {"inspection_id": self.id},
            "context": {"active_id": self.id},
        }

    def action_cancel(self):
        for inspection in self:
            if inspection.state == "signed":
                raise UserError(
                    _(
                        "Inspection %(inspection)s is signed: it cannot be cancelled.",
                        inspection=inspection.name,
                    )
                )
        self.write({"state": "cancel"})

    def action_reset_draft(self):
        self.filtered(lambda i: i.state == "cancel").write({"state": "draft"})

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
        if self.state != "in_progress":
            raise UserError(
                _(
                    "Inspection %(inspection)s cannot be signed: it is not in"
                    " progress.",
                    inspection=self.name,
                )
            )
        if not signature or not (signed_by or "").strip():
            raise UserError(
                _(
                    "Inspection %(inspection)s: the store manager's signature and"
                    " name are required to sign off.",
                    inspection=self.name,
                )
            )
        try:
            raw = base64.b64decode(signature, validate=True)
        except ValueError as exc:
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
        # The signature attachment is written while the visit is still open.
        self.write({"signature": signature, "signed_by": signed_by.strip()})
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
        self.section_score_ids.unlink()
        self.env["boh.inspection.section.score"].create(
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
        self.write(vals)
        self._store_hash()
        self.answer_ids._create_auto_actions()
        self.message_post(
            body=_(
                "Signed by %(name)s: score %(score)s%%, grade %(grade)s.",
                name=self.signed_by,
                score=round(self.score, 1),
                grade=self.grade,
            )
            + (f" {warning}" if warning else "")
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
        for inspection in self:
            partners = (
                inspection.store_manager_id | inspection.area_manager_id
            ).partner_id
            if not partners:
                continue
            if pdf_ok:
                inspection.message_post_with_source(
                    template,
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
                    message_type="comment",
                    subtype_xmlid="mail.mt_comment",
                    partner_ids=partners.ids,
                )

    def action_view_actions(self):
        self.ensure_one()
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
