from odoo import api, fields, models

from .bulk_procurement import BULK_KEY


class StockMove(models.Model):
    _inherit = "stock.move"

    boh_order_line_id = fields.Many2one(
        "boh.store.order.line",
        string="Store Order Line",
        index="btree_not_null",
        help="Line of the store order this move delivers (kept on backorders).",
    )

    def _boh_is_store_receipt(self):
        """Whether the move brings goods into its order's store."""
        self.ensure_one()
        store = self.boh_order_line_id.order_id.store_id
        return bool(store) and self.location_dest_id._child_of(store.view_location_id)

    def _boh_get_purchase_line(self):
        """The purchase order line of the goods of this move, following the
        moves it comes from (receipts in several steps)."""
        self.ensure_one()
        move, seen = self, self.browse()
        while move and not move.purchase_line_id and move not in seen:
            seen |= move
            move = move.move_orig_ids[:1]
        return move.purchase_line_id

    @api.model
    def _prepare_merge_moves_distinct_fields(self):
        return super()._prepare_merge_moves_distinct_fields() + ["boh_order_line_id"]

    def _prepare_procurement_values(self):
        values = super()._prepare_procurement_values()
        if self.boh_order_line_id:
            values["boh_order_line_id"] = self.boh_order_line_id.id
        return values

    # -- bulk procurement (bulk_procurement.py) --------------------------------

    def _merge_moves(self, merge_into=False):
        """New moves of store order lines have nothing to merge with."""
        if (
            self.env.context.get(BULK_KEY)
            and not merge_into
            and self
            and all(
                move.boh_order_line_id
                and move.product_uom_qty > 0
                and move.state not in ("done", "cancel")
                for move in self
            )
            and not self._boh_has_merge_candidates()
        ):
            return self
        return super()._merge_moves(merge_into=merge_into)

    def _boh_has_merge_candidates(self):
        """Whether other open moves of the same store order lines exist."""
        return bool(
            self.search_count(
                [
                    ("boh_order_line_id", "in", self.boh_order_line_id.ids),
                    ("location_id", "in", self.location_id.ids),
                    ("location_dest_id", "in", self.location_dest_id.ids),
                    ("id", "not in", self.ids),
                    ("state", "not in", ("done", "cancel")),
                ],
                limit=1,
            )
        )
