import pytz

from odoo import api, fields, models


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


class StockRule(models.Model):
    _inherit = "stock.rule"

    def _get_custom_move_fields(self):
        """Moves created for a store order line remember it."""
        return super()._get_custom_move_fields() + ["boh_order_line_id"]


class PurchaseOrderLine(models.Model):
    _inherit = "purchase.order.line"

    def _prepare_stock_move_vals(
        self, picking, price_unit, product_uom_qty, product_uom
    ):
        vals = super()._prepare_stock_move_vals(
            picking, price_unit, product_uom_qty, product_uom
        )
        if self.boh_order_line_id:
            vals["boh_order_line_id"] = self.boh_order_line_id.id
        return vals


class BohStoreOrderLine(models.Model):
    _inherit = "boh.store.order.line"

    move_ids = fields.One2many(
        "stock.move", "boh_order_line_id", string="Stock Moves", readonly=True
    )
    qty_received = fields.Float(
        string="Received",
        digits="Product Unit of Measure",
        compute="_compute_qty_received",
        store=True,
        help="Quantity received in the store, in the line's unit.",
    )
    qty_received_on_time = fields.Float(
        string="Received On Time",
        digits="Product Unit of Measure",
        compute="_compute_qty_received",
        store=True,
        help="Quantity received in the store by the end of the delivery date.",
    )
    source_type = fields.Selection(related="order_id.source_type", store=True)
    source_store_id = fields.Many2one(related="order_id.source_store_id", store=True)
    partner_id = fields.Many2one(
        related="order_id.partner_id", store=True, string="Supplier"
    )
    amount_received = fields.Monetary(
        string="Received Value", compute="_compute_amount_received", store=True
    )
    amount_received_on_time = fields.Monetary(
        string="Received On Time Value",
        compute="_compute_amount_received",
        store=True,
    )
    fill_rate = fields.Float(
        string="Fill Rate (%)",
        compute="_compute_amount_received",
        store=True,
        aggregator="avg",
        help="Share of the ordered quantity received on time.",
    )
    claim_ids = fields.One2many("boh.claim", "order_line_id", string="Claims")

    @api.depends(
        "move_ids.state",
        "move_ids.quantity",
        "move_ids.date",
        "move_ids.location_dest_id",
        "product_uom_id",
        "order_id.delivery_date",
    )
    def _compute_qty_received(self):
        for line in self:
            qty = on_time = 0.0
            tz = pytz.timezone(line.order_id.store_id.tz or "UTC")
            for move in line.move_ids:
                if move.state != "done" or not move._boh_is_store_receipt():
                    continue
                move_qty = move.product_uom._compute_quantity(
                    move.quantity, line.product_uom_id
                )
                qty += move_qty
                done_day = pytz.utc.localize(move.date).astimezone(tz).date()
                if line.delivery_date and done_day <= line.delivery_date:
                    on_time += move_qty
            line.qty_received = qty
            line.qty_received_on_time = on_time

    @api.depends("qty_received", "qty_received_on_time", "qty_ordered", "price_unit")
    def _compute_amount_received(self):
        for line in self:
            line.amount_received = line.qty_received * line.price_unit
            line.amount_received_on_time = line.qty_received_on_time * line.price_unit
            line.fill_rate = (
                100.0 * min(line.qty_received_on_time / line.qty_ordered, 1.0)
                if line.qty_ordered > 0
                else 0.0
            )
