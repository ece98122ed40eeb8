from odoo import fields, models


class StockPicking(models.Model):
    """The claims made on what a receipt brought to a store."""

    _inherit = "stock.picking"

    boh_claim_ids = fields.One2many("boh.claim", "picking_id", string="Claims")
    boh_claim_count = fields.Integer(
        string="Claim Count", compute="_compute_boh_claim_count"
    )

    def _compute_boh_claim_count(self):
        groups = self.env["boh.claim"]._read_group(
            [("picking_id", "in", self.ids)], ["picking_id"], ["__count"]
        )
        counts = {picking.id: count for picking, count in groups}
        for picking in self:
            picking.boh_claim_count = counts.get(picking.id, 0)

    def action_view_boh_claims(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "boh_receiving.boh_claim_action"
        )
        action["domain"] = [("picking_id", "=", self.id)]
        action["context"] = {"create": False}
        return action
