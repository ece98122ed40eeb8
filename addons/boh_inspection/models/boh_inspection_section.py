from odoo import api, fields, models

from .boh_inspection_template import new_key


class BohInspectionSection(models.Model):
    """A section of a checklist (hygiene, display, service...)."""

    _name = "boh.inspection.section"
    _inherit = ["boh.inspection.versioned"]
    _description = "Inspection Section"
    _order = "template_id, sequence, id"

    template_id = fields.Many2one(
        "boh.inspection.template", required=True, ondelete="cascade", index=True
    )
    name = fields.Char(required=True, translate=True)
    description = fields.Text(translate=True)
    sequence = fields.Integer(default=10)
    key = fields.Char(
        default=new_key,
        readonly=True,
        index=True,
        help="Shared by the copies of this section in every version.",
    )
    item_ids = fields.One2many(
        "boh.inspection.item", "section_id", string="Items", copy=True
    )

    @api.model_create_multi
    def create(self, vals_list):
        versioned = self.env["boh.inspection.template"]
        for vals in vals_list:
            template = versioned.browse(vals.get("template_id"))
            if template and template.is_used and not self._versioning():
                new, _mapping = template._create_new_version()
                vals["template_id"] = new.id
        return super().create(vals_list)
