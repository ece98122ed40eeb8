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

    @api.depends("move_ids.boh_order_line_id")
    def _compute_boh_order_id(self):
        for picking in self:
            picking.boh_order_id = picking.move_ids.boh_order_line_id.order_id[:1]

    def _action_done(self):
        res = super()._action_done()
        self.boh_order_id._boh_update_received_state()
        return res
