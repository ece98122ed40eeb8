from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    boh_waste_account_id = fields.Many2one(
        related="company_id.boh_waste_account_id", readonly=False
    )
    boh_waste_journal_id = fields.Many2one(
        related="company_id.boh_waste_journal_id", readonly=False
    )
    boh_waste_periodic_credit = fields.Selection(
        related="company_id.boh_waste_periodic_credit", readonly=False
    )
    boh_food_cost_account_ids = fields.Many2many(
        related="company_id.boh_food_cost_account_ids", readonly=False
    )
