from datetime import UTC, datetime

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.boh_base.services.inputs import check_date, check_id, check_number

from ..lib import scoring
from ..services import conduct_payload
from .boh_inspection_answer_files import OPEN_STATES

MAX_SIGNATURE_SIDE = 1024
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
    _inherit = [
        "boh.inspection.lock.mixin",
        "boh.inspection.answer.files.mixin",
        "boh.inspection.answer.corrective.mixin",
        "boh.guard.mixin",
    ]
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
        if inspection.state == "signed":
            raise UserError(
                _(
                    "Inspection %(inspection)s is signed: answers cannot change.",
                    inspection=inspection.name,
                )
            )
        if inspection.state not in OPEN_STATES:
            raise UserError(
                _(
                    "Inspection %(inspection)s is cancelled: answers cannot change.",
                    inspection=inspection.name,
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

    def _conduct_values(self, photos=None, signature=None):
        """This answer as the phone screen shows it (``conduct_payload``)."""
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
        return conduct_payload.answer_values(self, photos, signature)
