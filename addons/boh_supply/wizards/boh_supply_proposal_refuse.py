from odoo import fields, models


class BohSupplyProposalRefuse(models.TransientModel):
    _name = "boh.supply.proposal.refuse"
    _description = "Refuse Supplier Proposals"

    proposal_ids = fields.Many2many("boh.supply.proposal", required=True)
    reason = fields.Text(required=True)

    def action_refuse(self):
        self.ensure_one()
        self.proposal_ids.action_refuse(self.reason)
        return {"type": "ir.actions.act_window_close"}
