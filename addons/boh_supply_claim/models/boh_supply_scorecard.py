from collections import Counter

from odoo import api, models


class BohSupplyScorecard(models.AbstractModel):
    _inherit = "boh.supply.scorecard"

    @api.model
    def _get_claim_counts(self, purchase_line_ids):
        if not purchase_line_ids:
            return {}
        claims = (
            self.env["boh.claim"]
            .sudo()
            .search_read(
                [
                    ("move_id.purchase_line_id", "in", purchase_line_ids),
                    ("state", "!=", "cancel"),
                ],
                ["move_id"],
            )
        )
        moves = self.env["stock.move"].sudo().browse([c["move_id"][0] for c in claims])
        line_by_move = {m.id: m.purchase_line_id.id for m in moves}
        return Counter(line_by_move[c["move_id"][0]] for c in claims)
