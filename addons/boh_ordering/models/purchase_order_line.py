from odoo import api, fields, models


class PurchaseOrderLine(models.Model):
    _inherit = "purchase.order.line"

    boh_order_line_id = fields.Many2one(
        "boh.store.order.line", string="Store Order Line", index=True, copy=False
    )

    @api.model
    def _prepare_purchase_order_line_from_procurement(
        self,
        product_id,
        product_qty,
        product_uom,
        location_dest_id,
        name,
        origin,
        company_id,
        values,
        po,
    ):
        vals = super()._prepare_purchase_order_line_from_procurement(
            product_id,
            product_qty,
            product_uom,
            location_dest_id,
            name,
            origin,
            company_id,
            values,
            po,
        )
        if values.get("boh_order_line_id"):
            vals["boh_order_line_id"] = values["boh_order_line_id"]
        return vals

    def write(self, vals):
        res = super().write(vals)
        if "product_qty" in vals or "product_uom" in vals:
            # sudo: the buyer's change of quantity updates what the store
            # orders served by these lines will receive (qty_to_ship).
            self.sudo().boh_order_line_id.order_id.line_ids._update_qty_to_ship()
        return res

    def _prepare_stock_move_vals(
        self, picking, price_unit, product_uom_qty, product_uom
    ):
        vals = super()._prepare_stock_move_vals(
            picking, price_unit, product_uom_qty, product_uom
        )
        if self.boh_order_line_id:
            vals["boh_order_line_id"] = self.boh_order_line_id.id
        return vals
