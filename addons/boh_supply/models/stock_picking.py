from odoo import fields, models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    boh_asn_ids = fields.Many2many(
        "boh.asn",
        "boh_asn_stock_picking_rel",
        "picking_id",
        "asn_id",
        string="Shipping Notices",
        copy=False,
        readonly=True,
    )

    def button_validate(self):
        self._boh_name_missing_lots()
        return super().button_validate()

    def _boh_name_missing_lots(self):
        """Goods of a lot-tracked product received without a lot (no shipping
        notice, or more than it announced) get a lot named after the receipt,
        which expires after the product's expiration time: the store can
        receive them, and FEFO and the expiry alerts still apply."""
        lines = self.filtered(
            lambda p: (
                p.picking_type_code == "incoming"
                and p.picking_type_id.use_create_lots
                and p.state not in ("done", "cancel")
            )
        ).move_line_ids.filtered(
            lambda ml: (
                ml.product_id.tracking == "lot"
                and not ml.lot_id
                and not ml.lot_name
                and ml.quantity > 0
            )
        )
        for line in lines:
            line.lot_name = line.picking_id.name
