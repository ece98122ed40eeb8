from odoo import api, fields, models

from odoo.addons.boh_base.services.inputs import check_number


class ResCompany(models.Model):
    _inherit = "res.company"

    boh_recipe_forecast = fields.Boolean(
        string="Ingredient Forecasts from Recipes",
        default=True,
        help="Forecast runs also forecast each ingredient from the forecasts of"
        " the dishes that use it, and keep per store and ingredient the source"
        " that forecast best over the last weeks.",
    )
    boh_recipe_forecast_weeks = fields.Integer(
        string="Weeks Compared",
        default=4,
        help="Weekly backtest windows over which the sources are compared.",
    )

    @api.constrains("boh_recipe_forecast_weeks")
    def _check_boh_recipe_forecast_weeks(self):
        for company in self:
            check_number(
                company.boh_recipe_forecast_weeks,
                company.display_name,
                self._fields["boh_recipe_forecast_weeks"]._description_string(self.env),
                minimum=1,
                maximum=26,
            )
