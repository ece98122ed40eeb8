import base64
import binascii
import io
from datetime import UTC, datetime

from PIL import Image

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.image import image_process

from odoo.addons.boh_base.services.inputs import check_date, check_id, check_number

from ..lib import scoring

MAX_PHOTO_BYTES = 15 * 1024 * 1024
MAX_PHOTO_SIDE = 1920
MAX_SIGNATURE_SIDE = 1024
OPEN_STATES = ("draft", "in_progress")
# Times of answers given on a device, in milliseconds since 1970 (UTC):
# from 2000-01-01 to 2100-01-01.
MIN_CLIENT_TIME_MS = 946684800000
MAX_CLIENT_TIME_MS = 4102444800000


class BohInspectionAnswer(models.Model):
    """The answer to one item of one inspection, with its photos.

    Photos are ``ir.attachment`` records on the answer (``res_model`` /
    ``res_id``): they follow the access rights of the answer, hence of the
    inspection and its store.  The answer and its score are written by
    ``action_save_answer`` only; once the visit is signed nothing of it
    changes (``boh.inspection.lock.mixin``).
    """

    _name = "boh.inspection.answer"
    _description = "Inspection Answer"
    _inherit = ["boh.inspection.lock.mixin", "boh.guard.mixin"]
    # The answer is scored when it is saved: its value and its score are
    # written together by the workflow (the note alone stays free).
    _boh_workflow_fields = frozenset(
        {
            "is_na",
            "value_choice",
            "value_number",
            "value_text",
            "value_date",
            "option_ids",
            "signature",
            "answered",
            "answered_at",
            "answered_by_id",
            "client_time",
            "counts",
            "score",
            "earned",
            "possible",
            "is_failed",
            "is_repeat_failure",
            "photo_ids",
        }
    )
    _boh_create_only_fields = frozenset({"inspection_id", "item_id"})
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
    client_time = fields.Float(
        string="Client Time (ms)",
        digits=(16, 0),
        readonly=True,
        copy=False,
        help="When the answer was given on the device (milliseconds since 1970,"
        " UTC). An answer sent again after a lost connection never replaces a"
        " newer one.",
    )
    signature = fields.Image(
        string="Drawn Signature",
        attachment=True,
        max_width=MAX_SIGNATURE_SIDE,
        max_height=MAX_SIGNATURE_SIDE,
        readonly=True,
        copy=False,
        help="The signature drawn on the device for a signature item.",
    )
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

    # ---------------------------------------------------------------- saving
    @api.model
    def action_save_answer(self, vals):
        """Save one answer from the phone (one call per answer).

        The phone sends each answer with ``client_time``, the moment it was
        given (milliseconds since 1970, UTC).  Answers queued while the
        connection was lost are sent again, in order, when it returns: an
        answer that is not newer than the one already saved is ignored, so a
        replay never overwrites a newer answer and sending twice is harmless.

        :param vals: ``inspection_id``, ``item_id``, ``client_time`` and the
            answer: ``is_na``, ``value_choice``, ``value_number``,
            ``value_text``, ``value_date``, ``option_ids`` (list of ids),
            ``note``, ``signature`` (base64 image, signature items)
        :return: the saved answer and the inspection's progress and score;
            ``stale`` is true when the answer was older than the saved one
        """
        if not isinstance(vals, dict):
            raise ValidationError(
                _(
                    "The answer to save must be a set of values, not %(value)r.",
                    value=vals,
                )
            )
        label = _("Answer")
        answer = self._get_answer(
            check_id(vals.get("inspection_id"), label, _("Inspection")),
            check_id(vals.get("item_id"), label, _("Item")),
        )
        inspection = answer.inspection_id
        client_time = answer._parse_client_time(vals.get("client_time"))
        stale = bool(
            client_time and answer.client_time and client_time <= answer.client_time
        )
        if not stale:
            # every value is checked before anything is written
            values = answer._prepare_answer_values(vals)
            if client_time:
                values.update(
                    client_time=client_time,
                    answered_at=min(
                        datetime.fromtimestamp(client_time / 1000.0, UTC).replace(
                            tzinfo=None, microsecond=0
                        ),
                        values["answered_at"],
                    ),
                )
            if inspection.state == "draft":
                inspection.action_start()
            answer._boh_workflow().write(values)
            answer._sync_auto_actions()
        return answer._save_result(stale=stale)

    def _save_result(self, stale=False):
        self.ensure_one()
        inspection = self.inspection_id
        result = inspection._update_progress()
        return {
            "answer": self._conduct_values(),
            "stale": stale,
            "progress": inspection.progress,
            "score": inspection.score,
            "grade": inspection.grade or "",
            "answered_count": result["answered_count"],
            "item_count": result["item_count"],
            "sections": {str(k): v["score"] for k, v in result["sections"].items()},
        }

    def _label(self):
        self.ensure_one()
        return _(
            "Inspection %(inspection)s, item %(item)s",
            inspection=self.inspection_id.name,
            item=self.item_id.name,
        )

    def _parse_client_time(self, value):
        """The device's time of the answer (ms since 1970), 0 when not given."""
        if value in (None, False, ""):
            return 0.0
        return float(
            round(
                check_number(
                    value,
                    self._label(),
                    self._fields["client_time"]._description_string(self.env),
                    minimum=MIN_CLIENT_TIME_MS,
                    maximum=MAX_CLIENT_TIME_MS,
                )
            )
        )

    @api.model
    def _get_answer(self, inspection_id, item_id):
        """The answer to an item of a visit the caller conducts."""
        inspection = self.env["boh.inspection"].browse(inspection_id).exists()
        if not inspection:
            raise UserError(_("The inspection to answer does not exist."))
        inspection._check_conduct()
        item = self.env["boh.inspection.item"].browse(item_id).exists()
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

    def _check_text(self, vals, fname):
        """A text value of the phone's payload: a string or nothing."""
        value = vals.get(fname)
        if value in (None, False):
            return False
        if not isinstance(value, str):
            raise ValidationError(
                _(
                    "%(record)s: %(field)s must be a text, not %(value)r.",
                    record=self._label(),
                    field=self._fields[fname]._description_string(self.env),
                    value=value,
                )
            )
        return value or False

    def _check_option_ids(self, value):
        if value in (None, False):
            return []
        field = self._fields["option_ids"]._description_string(self.env)
        if not isinstance(value, list | tuple):
            raise ValidationError(
                _(
                    "%(record)s: %(field)s must be a list of ids, not %(value)r.",
                    record=self._label(),
                    field=field,
                    value=value,
                )
            )
        return [check_id(option, self._label(), field) for option in value]

    def _prepare_answer_values(self, vals):
        """Validate a raw answer and score it (nothing is written on error)."""
        self.ensure_one()
        item = self.item_id
        label = self._label()
        values = {
            "is_na": bool(vals.get("is_na")),
            "value_choice": self._check_text(vals, "value_choice"),
            "value_number": 0.0,
            "value_text": self._check_text(vals, "value_text"),
            "value_date": False,
            "option_ids": [(6, 0, [])],
            "note": self._check_text(vals, "note"),
        }
        number = vals.get("value_number")
        if item.item_type in ("scale", "number") and not values["is_na"]:
            number = check_number(
                number,
                label,
                self._fields["value_number"]._description_string(self.env),
                allow_empty=False,
            )
        raw = {
            "na": values["is_na"],
            "choice": values["value_choice"],
            "number": number,
            "options": self._check_option_ids(vals.get("option_ids")),
        }
        if item.item_type == "date" and not values["is_na"]:
            values["value_date"] = check_date(
                vals.get("value_date"),
                label,
                self._fields["value_date"]._description_string(self.env),
            )
        try:
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
        if item.item_type == "signature":
            values["signature"] = self._prepare_signature_value(vals, values["is_na"])
        if item.item_type == "photo" and not values["is_na"] and not self.photo_count:
            raise UserError(
                _(
                    "Inspection %(inspection)s, item %(item)s: take at least one"
                    " photo to answer this item.",
                    inspection=self.inspection_id.name,
                    item=item.name,
                )
            )
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

    def _prepare_signature_value(self, vals, is_na):
        """The checked signature of a signature item (base64), or False."""
        label = _(
            "Inspection %(inspection)s, item %(item)s",
            inspection=self.inspection_id.name,
            item=self.item_id.name,
        )
        if is_na:
            return False
        data = vals.get("signature")
        if not data:
            if self.signature:
                return self.signature
            raise UserError(
                _("%(record)s: the signature is missing; draw it.", record=label)
            )
        if not isinstance(data, str):
            raise UserError(_("%(record)s: the file is not an image.", record=label))
        if data.startswith("data:"):
            data = data.partition(",")[2]
        self._check_signature(self._decode_image(data, label), label)
        return data

    @api.model
    def _decode_image(self, data, label):
        try:
            raw = base64.b64decode(data or "", validate=True)
        except (binascii.Error, TypeError, ValueError) as exc:
            raise UserError(
                _("%(record)s: the file is not an image.", record=label)
            ) from exc
        if not raw:
            raise UserError(_("%(record)s: the image is empty.", record=label))
        return raw

    @api.model
    def _check_signature(self, raw, label):
        """A signature must be an image with something drawn on it."""
        self._check_image(raw, label)
        with Image.open(io.BytesIO(raw)) as img:
            rgba = img.convert("RGBA")
        if rgba.getextrema()[3][1] == 0:
            blank = True
        else:
            background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
            low, high = (
                Image.alpha_composite(background, rgba).convert("L").getextrema()
            )
            blank = high - low < 16
        if blank:
            raise UserError(
                _("%(record)s: the signature is missing (blank image).", record=label)
            )

    def _conduct_values(self, photos=None, signature=None):
        self.ensure_one()
        if signature is None:
            signature = self.item_type == "signature" and bool(self.signature)
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
            "client_time": self.client_time,
            "has_signature": bool(signature),
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
        self.inspection_id._check_conduct()
        self.check_access("write")
        label = self._label()
        if name is not None and name is not False and not isinstance(name, str):
            raise ValidationError(
                _(
                    "%(record)s: the name of the photo must be a text, not %(value)r.",
                    record=label,
                    value=name,
                )
            )
        if self.inspection_id.state not in OPEN_STATES:
            raise UserError(
                _(
                    "%(record)s: the inspection is closed, no photo can be added.",
                    record=label,
                )
            )
        raw = self._decode_image(data, label)
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
        self.invalidate_recordset(["photo_count"])
        if self.item_type == "photo" and (not self.answered or self.is_na):
            # The photo is the answer of a photo item.
            values = self._prepare_answer_values({"note": self.note})
            if self.inspection_id.state == "draft":
                self.inspection_id.action_start()
            self._boh_workflow().write(values)
            self.inspection_id._update_progress()
        return {
            "id": attachment.id,
            "name": attachment.name,
            "answer": self._conduct_values(),
        }

    def action_remove_photo(self, attachment_id):
        self.ensure_one()
        self.inspection_id._check_conduct()
        self.check_access("write")
        label = self._label()
        attachment_id = check_id(attachment_id, label, _("Photo"))
        if self.inspection_id.state not in OPEN_STATES:
            raise UserError(
                _(
                    "%(record)s: the inspection is closed, no photo can be removed.",
                    record=label,
                )
            )
        attachment = self.env["ir.attachment"].browse(attachment_id).exists()
        if attachment.res_model != self._name or attachment.res_id != self.id:
            raise UserError(_("This photo does not belong to this answer."))
        attachment.unlink()
        self.invalidate_recordset(["photo_count"])
        if self.item_type == "photo" and self.answered and not self.photo_count:
            # A photo item without photo is not answered any more.
            self._boh_workflow().write({"answered": False, "answered_at": False})
            self.inspection_id._update_progress()
        return {"answer": self._conduct_values()}

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
        )._boh_workflow().write({"is_repeat_failure": True})

    def _sync_auto_actions(self):
        """Corrective actions of the template rule, as soon as an answer fails.

        Saving the failure again creates no second action (the note of an
        untouched action follows the answer); an answer turned back to pass
        or N/A removes the automatic action the store has not worked on yet.
        """
        Action = self.env["boh.inspection.action"]
        to_create = []
        untouched = Action
        for answer in self.filtered("item_id.auto_action"):
            actions = answer.action_ids.filtered("is_automatic")
            fresh = actions.filtered(
                lambda a: (
                    a.state == "open"
                    and not a.evidence_note
                    and not a.evidence_attachment_ids
                    and not a.rejection_reason
                )
            )
            if answer.answered and answer.is_failed:
                if not actions:
                    to_create.append(answer._prepare_action_values(automatic=True))
                elif answer.note:
                    fresh.filtered(
                        lambda a, n=answer.note: a.description != n
                    ).description = answer.note
            else:
                untouched |= fresh
        if untouched:
            # sudo: only the automatic actions of answers the user may write,
            # that the store has not worked on, are removed.
            untouched.sudo().unlink()
        # the rule of the template creates them (``is_automatic``)
        return Action._boh_workflow().create(to_create) if to_create else Action

    def _create_auto_actions(self):
        todo = self.filtered(
            lambda a: (
                a.answered
                and a.is_failed
                and a.item_id.auto_action
                and not a.action_ids
            )
        )
        return (
            self.env["boh.inspection.action"]
            ._boh_workflow()
            .create([a._prepare_action_values(automatic=True) for a in todo])
        )

    def _prepare_action_values(self, description=None, automatic=False):
        """Values of a corrective action for this failed answer."""
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
            "is_automatic": automatic,
        }

    def action_create_corrective_action(self, description=None):
        """The auditor asks the store to fix a failed item."""
        self.ensure_one()
        self.inspection_id._check_conduct()
        if description is not None and description is not False:
            if not isinstance(description, str):
                raise ValidationError(
                    _(
                        "%(record)s: the description of the corrective action must"
                        " be a text, not %(value)r.",
                        record=self._label(),
                        value=description,
                    )
                )
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
