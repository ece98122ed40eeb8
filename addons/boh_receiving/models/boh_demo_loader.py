from odoo import models


class BohDemoLoader(models.AbstractModel):
    _inherit = "boh.demo.loader"

    def _demo_receive_moves(self, orders, discrepancies):
        """The store managers receive the goods with the receiving wizard;
        with ``discrepancies``, a line is received short and one damaged
        (claims)."""
        Wizard = self.env["boh.receive.wizard"]
        done_moves = self.env["stock.move"]
        for order in orders:
            manager = order.store_id.manager_id or self.env.user
            wizard = Wizard.with_user(manager)._create_for_order(
                order.with_user(manager)
            )
            if discrepancies and len(wizard.line_ids) > 2:
                short, damaged = wizard.line_ids[0], wizard.line_ids[2]
                short.write(
                    {"qty_received": max(short.qty_expected - 1, 0), "reason": "short"}
                )
                damaged.write({"reason": "damaged", "qty_claimed": 1.0})
            done_moves |= wizard.line_ids.move_id
            wizard.action_confirm()
        return done_moves
