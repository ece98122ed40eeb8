from odoo import api, fields, models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    boh_order_id = fields.Many2one(
        "boh.store.order",
        string="Store Order",
        compute="_compute_boh_order_id",
        store=True,
        index="btree_not_null",
    )
    boh_claim_ids = fields.One2many("boh.claim", "picking_id", string="Claims")
    boh_claim_count = fields.Integer(
        string="Claim Count", compute="_compute_boh_claim_count"
    )

    @api.depends("move_ids.boh_order_line_id")
    def _compute_boh_order_id(self):
        for picking in self:
            picking.boh_order_id = picking.move_ids.boh_order_line_id.order_id[:1]

    def _compute_boh_claim_count(self):
        groups = self.env["boh.claim"]._read_group(
            [("picking_id", "in", self.ids)], ["picking_id"], ["__count"]
        )
        counts = {picking.id: count for picking, count in groups}
        for picking in self:
            picking.boh_claim_count = counts.get(picking.id, 0)

    def _action_done(self):
        res = super()._action_done()
        self.boh_order_id._boh_update_received_state()
        return res

    def action_view_boh_claims(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "boh_ordering.boh_claim_action"
        )
        action["domain"] = [("picking_id", "=", self.id)]
        action["context"] = {"create": False}
        return action
