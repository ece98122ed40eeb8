from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    boh_recipe_cost_source = fields.Selection(
        related="company_id.boh_recipe_cost_source", readonly=False
    )
    boh_target_food_cost_pct = fields.Float(
        related="company_id.boh_target_food_cost_pct", readonly=False
    )

    def action_boh_recompute_recipe_costs(self):
        self.env["product.template"]._boh_check_recipe_editor()
        self.company_id._boh_recompute_all_recipe_costs()
