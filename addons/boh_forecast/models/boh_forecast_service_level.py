from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

CLASS_ABC = [("a", "A"), ("b", "B"), ("c", "C")]
CLASS_XYZ = [("x", "X"), ("y", "Y"), ("z", "Z")]


class BohForecastServiceLevel(models.Model):
    """Target service level (probability of no stock-out) per ABC/XYZ class."""

    _name = "boh.forecast.service.level"
    _description = "BOH Service Level per Class"
    _order = "abc_class, xyz_class"
    _rec_name = "abc_class"

    abc_class = fields.Selection(CLASS_ABC, string="ABC", required=True)
    xyz_class = fields.Selection(CLASS_XYZ, string="XYZ", required=True)
    service_level = fields.Float(
        string="Service Level (%)", required=True, default=95.0
    )

    _sql_constraints = [
        ("class_unique", "unique(abc_class, xyz_class)", "One level per class."),
    ]

    @api.constrains("service_level")
    def _check_service_level(self):
        for rec in self:
            if not 50.0 <= rec.service_level < 100.0:
                raise ValidationError(
                    _(
                        "Class %(abc)s%(xyz)s: the service level must be at least 50%%"
                        " and below 100%%.",
                        abc=rec.abc_class.upper(),
                        xyz=rec.xyz_class.upper(),
                    )
                )

    @api.model
    def _get_levels(self):
        """``{(abc, xyz): level in (0, 1)}``."""
        return {
            (rec.abc_class, rec.xyz_class): rec.service_level / 100.0
            for rec in self.sudo().search([])
        }
