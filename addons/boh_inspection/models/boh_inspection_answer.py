import base64
import binascii
import io

from PIL import Image

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools.image import image_process

from ..lib import scoring

MAX_PHOTO_BYTES = 15 * 1024 * 1024
MAX_PHOTO_SIDE = 1920
OPEN_STATES = ("draft", "in_progress")


class BohInspectionAnswer(models.Model):
    """The answer to one item of one inspection, with its photos.

    Photos are ``ir.attachment`` records on the answer (``res_model`` /
    ``res_id``): they follow the access rights of the answer, hence of the
    inspection and its store.
    """

    _name = "boh.inspection.answer"
    _description = "Inspection Answer"
    _order = "inspection_id, section_sequence, item_sequence, id"
    _rec_name = "item_id"

    inspection_id = fields.Many2one(
        "boh.inspection", required=True, ondelete="cascade", index=True
    )
    item_id = fields.Many2one(
        "boh.inspection.item", required=True, ondelete="restrict", index=True
    )
    section_id = fields.Many2one(
        related="item_id.section_id", store=True, index=True, string="Section"
    )
    section_sequence = fields.Integer(
        related="item_id.section_sequence", store=True, string="Section Sequence"
    )
    item_sequence = fields.Integer(
        related="item_id.sequence", store=True, string="Item Sequence"
    )
    item_key = fields.Char(related="item_id.key", store=True, index=True)
    item_type = fields.Selection(related="item_id.item_type")
    is_critical = fields.Boolean(related="item_id.is_critical", store=True)
    template_id = fields.Many2one(related="inspection_id.template_id", store=True)
    store_id = fields.Many2one(related="inspection_id.store_id", store=True, index=True)
    region_id = fields.Many2one(related="inspection_id.region_id", store=True)
    date = fields.Date(related="inspection_id.date", store=True)
    state = fields.Selection(related="inspection_id.state", store=True)
    is_na = fields.Boolean(string="N/A")
    value_choice = fields.Selection(
        [("pass", "Pass"), ("fail", "Fail"), ("yes", "Yes"), ("no", "No")],
        string="Answer",
    )
    value_number = fields.Float(string="Value")
    value_text = fields.Text(string="Text")
    value_date = fields.Date(string="Date Answer")
    option_ids = fields.Many2many("boh.inspection.item.option", string="Options")
    note = fields.Text()
    answered = fields.Boolean(readonly=True)
    answered_at = fields.Datetime(readonly=True)
    answered_by_id = fields.Many2one("res.users", readonly=True)
    counts = fields.Boolean(
        readonly=True, help="The answer counts in the score (not N/A, scored type)."
    )
    score = fields.Float(readonly=True, help="Share of the weight earned (0 to 1).")
    earned = fields.Float(readonly=True, aggregator="sum")
    possible = fields.Float(readonly=True, aggregator="sum")
    is_failed = fields.Boolean(string="Failed", readonly=True, index=True)
    failed_count = fields.Integer(
        compute="_compute_failed_count", store=True, aggregator="sum"
    )
    is_repeat_failure = fields.Boolean(
        string="Repeat Failure",
        readonly=True,
        help="The same item failed at a previous signed inspection of this store.",
    )
    photo_ids = fields.One2many(
        "ir.attachment",
        "res_id",
        domain=[("res_model", "=", "boh.inspection.answer")],
        string="Photos",
    )
    photo_count = fields.Integer(compute="_compute_photo_count")
    action_ids = fields.One2many("boh.inspection.action", "answer_id")

    _sql_constraints = [
        (
            "inspection_item_uniq",
            "unique(inspection_id, item_id)",
            "An item is answered once per inspection.",
        ),
    ]

    @api.depends("is_failed", "answered")
    def _compute_failed_count(self):
        for answer in self:
            answer.failed_count = int(answer.answered and answer.is_failed)

    def _compute_photo_count(self):
        groups = self.env["ir.attachment"]._read_group(
            [("res_model", "=", self._name), ("res_id", "in", self.ids)],
            ["res_id"],
            ["__count"],
        )
        counts = dict(groups)
        for answer in self:
            answer.photo_count = counts.get(answer.id, 0)

    # ------------------------------------------------------------------ lock
    def write(self, vals):
        self._check_lock()
        res = super().write(vals)
        self._after_override(_("answers %(fields)s", fields=", ".join(sorted(vals))))
        return res

    def unlink(self):
        self._check_lock()
        return super().unlink()

    def _check_lock(self):
        inspections = self.inspection_id.filtered(lambda i: i.state == "signed")
        if inspections and not inspections._is_override():
            raise UserError(
                _(
                    "Inspection %(inspection)s is signed and locked: its answers"
                    " and photos cannot change.",
                    inspection=", ".join(inspections.mapped("name")),
                )
            )

    def _after_override(self, what):
        reason = self.env.context.get("boh_inspection_override")
        inspections = self.inspection_id.filtered(lambda i: i.state == "signed")
        if reason and inspections:
            inspections._log_override(reason, what)
            inspections._store_hash()

    # ---------------------------------------------------------------- saving
    @api.model
    def action_save_answer(self, vals):
        """Save one answer from the phone (one call per answer).

        :param vals: ``inspection_id``, ``item_id`` and the answer: ``is_na``,
            ``value_choice``, ``value_number``, ``value_text``, ``value_date``,
            ``option_ids`` (list of ids), ``note``
        :return: the saved answer and the inspection's progress and score
        """
        answer = self._get_answer(vals.get("inspection_id"), vals.get("item_id"))
        inspection = answer.inspection_id
        if inspection.state == "draft":
            inspection.action_start()
        values = answer._prepare_answer_values(vals)
        answer.write(values)
        result = inspection._update_progress()
        return {
            "answer": answer._conduct_values(),
            "progress": inspection.progress,
            "score": inspection.score,
            "grade": inspection.grade or "",
            "answered_count": result["answered_count"],
            "item_count": result["item_count"],
            "sections": {str(k): v["score"] for k, v in result["sections"].items()},
        }

    def _get_answer(self, inspection_id, item_id):
        inspection = self.env["boh.inspection"].browse(int(inspection_id or 0)).exists()
        if not inspection:
            raise UserError(_("The inspection to answer does not exist."))
        item = self.env["boh.inspection.item"].browse(int(item_id or 0)).exists()
        if not item or item.template_id != inspection.template_id:
            raise UserError(
                _(
                    "Inspection %(inspection)s: item %(item)s is not part of its"
                    " template version %(template)s.",
                    inspection=inspection.name,
                    item=item.display_name or item_id,
                    template=inspection.template_id.display_name,
                )
            )
        if inspection.state not in OPEN_STATES:
            raise UserError(
                _(
                    "Inspection %(inspection)s is %(state)s: answers cannot change.",
                    inspection=inspection.name,
                    state=dict(inspection._fields["state"].selection)[inspection.state],
                )
            )
        answer = self.search(
            [("inspection_id", "=", inspection.id), ("item_id", "=", item.id)], limit=1
        )
        return answer or self.create(
            {"inspection_id": inspection.id, "item_id": item.id}
        )

    def _prepare_answer_values(self, vals):
        """Validate a raw answer and score it (nothing is written on error)."""
        self.ensure_one()
        item = self.item_id
        values = {
            "is_na": bool(vals.get("is_na")),
            "value_choice": vals.get("value_choice") or False,
            "value_number": 0.0,
            "value_text": vals.get("value_text") or False,
            "value_date": False,
            "option_ids": [(6, 0, [])],
            "note": vals.get("note") or False,
        }
        raw = {
            "na": values["is_na"],
            "choice": values["value_choice"],
            "number": vals.get("value_number"),
            "options": [int(o) for o in vals.get("option_ids") or []],
        }
        try:
            if item.item_type == "date" and not values["is_na"]:
                values["value_date"] = fields.Date.to_date(vals.get("value_date"))
            score, failed = scoring.evaluate(item.item_type, raw, item._scoring_spec())
        except (scoring.AnswerError, ValueError, TypeError) as exc:
            raise UserError(
                _(
                    "Inspection %(inspection)s, item %(item)s: invalid answer"
                    " (%(error)s).",
                    inspection=self.inspection_id.name,
                    item=item.name,
                    error=str(exc),
                )
            ) from exc
        if item.item_type in ("scale", "number") and not values["is_na"]:
            values["value_number"] = float(raw["number"])
        if item.item_type in ("choice", "multi") and not values["is_na"]:
            values["option_ids"] = [(6, 0, raw["options"])]
        if item.item_type not in ("passfail", "yesno") or values["is_na"]:
            values["value_choice"] = False
        weight = item.weight if score is not None else 0.0
        values.update(
            answered=True,
            answered_at=fields.Datetime.now(),
            answered_by_id=self.env.user.id,
            counts=score is not None,
            score=score or 0.0,
            earned=weight * (score or 0.0),
            possible=weight,
            is_failed=failed,
        )
        return values

    def _conduct_values(self, photos=None):
        self.ensure_one()
        if photos is None:
            photos = [
                {"id": p.id, "name": p.name}
                for p in self.env["ir.attachment"].search(
                    [("res_model", "=", self._name), ("res_id", "=", self.id)],
                    order="id",
                )
            ]
        return {
            "id": self.id,
            "item_id": self.item_id.id,
            "is_na": self.is_na,
            "value_choice": self.value_choice or False,
            "value_number": self.value_number,
            "value_text": self.value_text or "",
            "value_date": fields.Date.to_string(self.value_date) or "",
            "option_ids": self.option_ids.ids,
            "note": self.note or "",
            "answered": self.answered,
            "answered_at": fields.Datetime.to_string(self.answered_at) or "",
            "is_failed": self.is_failed,
            "photos": photos,
        }

    # ---------------------------------------------------------------- photos
    @api.model
    def _check_image(self, raw, record_name):
        if len(raw) > MAX_PHOTO_BYTES:
            raise UserError(
                _(
                    "%(record)s: the photo is too large (%(size)s MB, at most"
                    " %(max)s MB).",
                    record=record_name,
                    size=round(len(raw) / 1024 / 1024, 1),
                    max=MAX_PHOTO_BYTES // 1024 // 1024,
                )
            )
        try:
            with Image.open(io.BytesIO(raw)) as img:
                img.verify()
        except Exception as exc:
            raise UserError(
                _("%(record)s: the file is not an image.", record=record_name)
            ) from exc

    def action_add_photo(self, name, data):
        """Attach a photo (base64) to this answer, resized to 1920 px at most."""
        self.ensure_one()
        self.check_access("write")
        label = _(
            "Inspection %(inspection)s, item %(item)s",
            inspection=self.inspection_id.name,
            item=self.item_id.name,
        )
        if self.inspection_id.state not in OPEN_STATES:
            raise UserError(
                _(
                    "%(record)s: the inspection is closed, no photo can be added.",
                    record=label,
                )
            )
        try:
            raw = base64.b64decode(data or "", validate=True)
        except (binascii.Error, ValueError) as exc:
            raise UserError(
                _("%(record)s: the file is not an image.", record=label)
            ) from exc
        if not raw:
            raise UserError(_("%(record)s: the photo is empty.", record=label))
        self._check_image(raw, label)
        try:
            resized = image_process(raw, size=(MAX_PHOTO_SIDE, MAX_PHOTO_SIDE))
        except UserError as exc:
            raise UserError(
                _("%(record)s: the file is not an image.", record=label)
            ) from exc
        attachment = self.env["ir.attachment"].create(
            {
                "name": name or "photo.jpg",
                "raw": resized,
                "res_model": self._name,
                "res_id": self.id,
            }
        )
        return {"id": attachment.id, "name": attachment.name}

    def action_remove_photo(self, attachment_id):
        self.ensure_one()
        attachment = self.env["ir.attachment"].browse(int(attachment_id)).exists()
        if attachment.res_model != self._name or attachment.res_id != self.id:
            raise UserError(_("This photo does not belong to this answer."))
        attachment.unlink()
        return True

    # ------------------------------------------------------ repeats, actions
    def _flag_repeat_failures(self):
        """Flag failed answers whose item failed before at the same store."""
        failed = self.filtered(lambda a: a.answered and a.is_failed)
        if not failed:
            return
        store = failed.store_id
        previous = self.sudo().search_read(
            [
                ("store_id", "in", store.ids),
                ("item_key", "in", failed.mapped("item_key")),
                ("is_failed", "=", True),
                ("state", "=", "signed"),
                ("inspection_id", "not in", failed.inspection_id.ids),
            ],
            ["item_key", "store_id"],
        )
        keys = {(p["item_key"], p["store_id"][0]) for p in previous}
        failed.filtered(
            lambda a: (a.item_key, a.store_id.id) in keys
        ).is_repeat_failure = True

    def _create_auto_actions(self):
        todo = self.filtered(
            lambda a: (
                a.answered
                and a.is_failed
                and a.item_id.auto_action
                and not a.action_ids
            )
        )
        return self.env["boh.inspection.action"].create(
            [a._prepare_action_values() for a in todo]
        )

    def _prepare_action_values(self, description=None):
        self.ensure_one()
        inspection = self.inspection_id
        today = fields.Date.context_today(self)
        return {
            "inspection_id": inspection.id,
            "answer_id": self.id,
            "name": self.item_id.name,
            "description": description or self.note or False,
            "severity": self.item_id.severity,
            "assignee_id": inspection.store_manager_id.id,
            "due_date": fields.Date.add(today, days=self.item_id._get_due_days()),
        }

    def action_create_corrective_action(self, description=None):
        """The auditor asks the store to fix a failed item."""
        self.ensure_one()
        if not self.is_failed:
            raise UserError(
                _(
                    "Item %(item)s did not fail: no corrective action is needed.",
                    item=self.item_id.name,
                )
            )
        action = self.env["boh.inspection.action"].create(
            self._prepare_action_values(description)
        )
        return {"id": action.id, "name": action.display_name}
