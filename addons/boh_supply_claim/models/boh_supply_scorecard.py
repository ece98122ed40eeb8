from odoo import api, models
from odoo.tools import SQL


class BohSupplyScorecard(models.AbstractModel):
    _inherit = "boh.supply.scorecard"

    @api.model
    def _get_claim_counts(self, purchase_line_ids):
        """Claims not cancelled per purchase line, in one grouped query."""
        if not purchase_line_ids:
            return {}
        self.env["boh.claim"].flush_model(["move_id", "state"])
        self.env["stock.move"].flush_model(["purchase_line_id"])
        self.env.cr.execute(
            SQL(
                """
                SELECT sm.purchase_line_id, COUNT(*)
                  FROM boh_claim c
                  JOIN stock_move sm ON sm.id = c.move_id
                 WHERE sm.purchase_line_id = ANY(%s)
                   AND c.state != 'cancel'
                 GROUP BY sm.purchase_line_id
                """,
                list(purchase_line_ids),
            )
        )
        return dict(self.env.cr.fetchall())
