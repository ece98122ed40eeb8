from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class BohInspectionGradeBand(models.Model):
    """A grade (A, B, C, Fail) given from a minimum score."""

    _name = "boh.inspection.grade.band"
    _description = "Inspection Grade Band"
    _order = "template_id, min_score desc"

    template_id = fields.Many2one(
        "boh.inspection.template", required=True, ondelete="cascade", index=True
    )
    name = fields.Char(required=True, translate=True)
    min_score = fields.Float(
        string="Minimum Score (%)", help="Lowest overall score that earns this grade."
    )
    is_failure = fields.Boolean(
        string="Failing Grade",
        help="The visit fails with this grade (also given on a critical failure).",
    )
    color = fields.Integer()

    @api.constrains("min_score")
    def _check_min_score(self):
        for band in self:
            if not 0 <= band.min_score <= 100:
                raise ValidationError(
                    _(
                        "Grade %(grade)s of template %(template)s: the minimum"
                        " score must be between 0 and 100.",
                        grade=band.name,
                        template=band.template_id.display_name,
                    )
                )

    def write(self, vals):
        for template in self.template_id.filtered("is_used"):
            if self.env.context.get("boh_inspection_versioning"):
                break
            new, mapping = template._create_new_version()
            bands = self.filtered(lambda b, t=template: b.template_id == t)
            for band, copy in zip(template.grade_band_ids, new.grade_band_ids):
                if band in bands:
                    copy.write(vals)
            self -= bands
        return super().write(vals)
