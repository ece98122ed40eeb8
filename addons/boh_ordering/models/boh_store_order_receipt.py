from odoo import _, api, fields, models


class BohStoreOrder(models.Model):
    """The receipts of a store order."""

    _inherit = "boh.store.order"

    receipt_ids = fields.Many2many(
        "stock.picking",
        string="Receipts",
        compute="_compute_receipt_ids",
        help="Transfers that bring the order's goods into the store.",
    )
    receipt_count = fields.Integer(compute="_compute_receipt_ids")

    def _get_store_receipt_moves(self):
        moves = self.line_ids.move_ids
        return moves.filtered(lambda move: move._boh_is_store_receipt())

    @api.depends("line_ids.move_ids.picking_id")
    def _compute_receipt_ids(self):
        for order in self:
            # sudo: store people have no stock rights; they only see how many
            # transfers bring their own order (the stat button needs stock rights).
            pickings_sudo = order.sudo()._get_store_receipt_moves().picking_id
            order.receipt_ids = pickings_sudo.with_env(self.env)
            order.receipt_count = len(pickings_sudo)

    def _boh_update_received_state(self):
        """Mark orders received once every store receipt is done or cancelled."""
        for order in self.filtered(lambda o: o.state in ("approved", "fulfilling")):
            moves = order._get_store_receipt_moves()
            if moves and all(move.state in ("done", "cancel") for move in moves):
                order._boh_workflow().state = "received"
                order.message_post(body=_("All goods of the order were received."))

    def action_view_receipts(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "stock.action_picking_tree_all"
        )
        action["domain"] = [("id", "in", self.receipt_ids.ids)]
        action["context"] = {"create": False}
        return action
