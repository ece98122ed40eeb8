from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .boh_inspection_template import new_key

ITEM_TYPES = [
    ("passfail", "Pass / Fail / N-A"),
    ("yesno", "Yes / No"),
    ("scale", "Score on a Scale"),
    ("number", "Number with Limits"),
    ("choice", "Single Choice"),
    ("multi", "Multiple Choice"),
    ("text", "Text"),
    ("photo", "Photo"),
    ("signature", "Signature"),
    ("date", "Date"),
]
SEVERITIES = [
    ("low", "Low"),
    ("medium", "Medium"),
    ("high", "High"),
    ("critical", "Critical"),
]
# Days to close a corrective action, per severity (ir.config_parameter
# boh_inspection.due_days_<severity> overrides them).
DUE_DAYS = {"low": 14, "medium": 7, "high": 3, "critical": 1}


class BohInspectionItem(models.Model):
    """A question of a checklist, with its scoring rules."""

    _name = "boh.inspection.item"
    _inherit = ["boh.inspection.versioned"]
    _description = "Inspection Item"
    _order = "template_id, section_sequence, sequence, id"

    section_id = fields.Many2one(
        "boh.inspection.section", required=True, ondelete="cascade", index=True
    )
    template_id = fields.Many2one(
        related="section_id.template_id", store=True, index=True
    )
    section_sequence = fields.Integer(
        related="section_id.sequence", store=True, string="Section Sequence"
    )
    sequence = fields.Integer(default=10)
    key = fields.Char(
        default=new_key,
        readonly=True,
        index=True,
        help="Shared by the copies of this item in every version: repeat"
        " failures are found through it.",
    )
    name = fields.Char(string="Question", required=True, translate=True)
    guidance = fields.Text(translate=True, help="How to check, what is expected.")
    reference_image = fields.Image(
        max_width=1920, max_height=1920, help="A photo of the standard."
    )
    item_type = fields.Selection(
        ITEM_TYPES, string="Type", required=True, default="passfail"
    )
    weight = fields.Float(default=1.0)
    is_critical = fields.Boolean(
        string="Critical", help="A failure fails the whole visit."
    )
    photo_required_on_fail = fields.Boolean(string="Photo Required on Failure")
    note_required_on_fail = fields.Boolean(string="Note Required on Failure")
    is_required = fields.Boolean(
        string="Required",
        default=True,
        help="The inspection cannot be signed before this item is answered.",
    )
    yes_is_pass = fields.Boolean(string="Yes Passes", default=True)
    scale_max = fields.Integer(default=5)
    scale_pass_min = fields.Integer(
        string="Lowest Passing Score", default=3, help="Lower scores fail the item."
    )
    has_min = fields.Boolean(string="Lower Limit")
    min_value = fields.Float(string="Minimum")
    has_max = fields.Boolean(string="Upper Limit")
    max_value = fields.Float(string="Maximum")
    unit = fields.Char(translate=True, help="Unit of the number, e.g. °C.")
    option_ids = fields.One2many(
        "boh.inspection.item.option", "item_id", string="Options", copy=True
    )
    parent_item_id = fields.Many2one(
        "boh.inspection.item",
        string="Follow-up Of",
        ondelete="set null",
        domain="[('template_id', '=', template_id), ('id', '!=', id)]",
        help="Shown only when the answer to this item matches the trigger.",
    )
    trigger = fields.Selection(
        [("fail", "Failed"), ("pass", "Passed")],
        default="fail",
        help="Answer of the parent item that shows this follow-up item.",
    )
    auto_action = fields.Boolean(
        string="Corrective Action on Failure",
        help="A failure creates a corrective action for the store as soon as it"
        " is saved (removed again if the answer passes before the store works on"
        " it).",
    )
    severity = fields.Selection(
        SEVERITIES,
        default="medium",
        required=True,
        help="Decides the due date of the corrective actions of this item.",
    )

    @api.constrains("weight", "scale_max", "scale_pass_min", "min_value", "max_value")
    def _check_limits(self):
        for item in self:
            if item.weight < 0:
                raise ValidationError(
                    _("Item %(item)s: the weight cannot be negative.", item=item.name)
                )
            if item.item_type == "scale" and not (
                item.scale_max > 0 and 0 <= item.scale_pass_min <= item.scale_max
            ):
                raise ValidationError(
                    _(
                        "Item %(item)s: the scale needs a maximum above 0 and a"
                        " lowest passing score between 0 and the maximum.",
                        item=item.name,
                    )
                )
            if (
                item.item_type == "number"
                and item.has_min
                and item.has_max
                and item.min_value > item.max_value
            ):
                raise ValidationError(
                    _(
                        "Item %(item)s: the minimum is above the maximum.",
                        item=item.name,
                    )
                )

    @api.onchange("is_critical")
    def _onchange_is_critical(self):
        if self.is_critical:
            self.severity = "critical"
            self.auto_action = True

    @api.model_create_multi
    def create(self, vals_list):
        if not self._versioning():
            for vals in vals_list:
                section = self.env["boh.inspection.section"].browse(
                    vals.get("section_id")
                )
                if section and section.template_id.is_used:
                    _new, mapping = section.template_id._create_new_version()
                    vals["section_id"] = mapping.get(section, section).id
        return super().create(vals_list)

    def _versioned_vals(self, vals, mapping):
        # a new section given in the used version: its counterpart
        if not vals.get("section_id"):
            return vals
        section = self.env["boh.inspection.section"].browse(vals["section_id"])
        return dict(vals, section_id=mapping.get(section, section).id)

    def _get_due_days(self):
        self.ensure_one()
        param = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param(f"boh_inspection.due_days_{self.severity}")
        )
        return int(param) if param else DUE_DAYS[self.severity]

    def _scoring_spec(self):
        """The rules of :func:`lib.scoring.evaluate` for this item."""
        self.ensure_one()
        return {
            "yes_is_pass": self.yes_is_pass,
            "scale_max": self.scale_max,
            "scale_pass_min": self.scale_pass_min,
            "min": self.min_value if self.has_min else None,
            "max": self.max_value if self.has_max else None,
            "options": {o.id: (o.score, o.is_failure) for o in self.option_ids},
        }
