import pytz

from odoo import api, fields, models


class BohStoreOrderLine(models.Model):
    """What the store received of each line of its orders."""

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
