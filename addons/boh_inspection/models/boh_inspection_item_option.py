from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class BohInspectionItemOption(models.Model):
    """A choice offered by a single or multiple choice item."""

    _name = "boh.inspection.item.option"
    _description = "Inspection Item Option"
    _order = "item_id, sequence, id"

    item_id = fields.Many2one(
        "boh.inspection.item", required=True, ondelete="cascade", index=True
    )
    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    score = fields.Float(
        default=1.0, help="Share of the item's weight earned (0 to 1)."
    )
    is_failure = fields.Boolean(help="Choosing this option fails the item.")

    @api.constrains("score")
    def _check_score(self):
        for option in self:
            if not 0 <= option.score <= 1:
                raise ValidationError(
                    _(
                        "Option %(option)s of item %(item)s: the score must be"
                        " between 0 and 1.",
                        option=option.name,
                        item=option.item_id.name,
                    )
                )

    def write(self, vals):
        if self.env.context.get("boh_inspection_versioning"):
            return super().write(vals)
        used = self.filtered("item_id.template_id.is_used")
        for template in used.item_id.template_id:
            new, mapping = template._create_new_version()
            for option in used.filtered(
                lambda o, t=template: o.item_id.template_id == t
            ):
                mapping.get(option, self.browse()).write(vals)
        return super(BohInspectionItemOption, self - used).write(vals)
