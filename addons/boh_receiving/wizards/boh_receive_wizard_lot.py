from odoo import _, api, fields, models


class BohReceiveWizardLot(models.TransientModel):
    """A lot of lot-tracked goods received from a supplier: the lot number on
    the packaging and how much of it came. Prefilled from what the supplier
    announced (the receipt's move lines); the store corrects it to what is on
    the dock."""

    _name = "boh.receive.wizard.lot"
    _inherit = ["boh.input.mixin"]
    _description = "BOH Receive Store Order Lot"
    _rec_name = "lot_name"
    _boh_numeric_fields = ("quantity",)
    _boh_store_field = None

    wizard_id = fields.Many2one("boh.receive.wizard", required=True, ondelete="cascade")
    line_id = fields.Many2one(
        "boh.receive.wizard.line",
        string="Product",
        required=True,
        ondelete="cascade",
    )
    product_id = fields.Many2one(related="line_id.product_id")
    product_uom_id = fields.Many2one(related="line_id.product_uom_id")
    lot_id = fields.Many2one("stock.lot", string="Known Lot", readonly=True)
    lot_name = fields.Char(string="Lot Number", required=True)
    quantity = fields.Float(digits="Product Unit of Measure")

    def _boh_input_label(self, vals):
        lot = self[:1]
        order = lot.wizard_id.order_id
        if not order and vals.get("wizard_id"):
            order = self.env["boh.receive.wizard"].browse(vals["wizard_id"]).order_id
        return _(
            "Order %(order)s, lot %(lot)s",
            order=order.name or "",
            lot=vals.get("lot_name") or lot.lot_name or "",
        )

    @api.onchange("lot_name")
    def _onchange_lot_name(self):
        for lot in self:
            if lot.lot_id and lot.lot_id.name != lot.lot_name:
                lot.lot_id = False

    def _get_stock_lot(self):
        """The existing lot of this product with this number, if any."""
        self.ensure_one()
        if self.lot_id and self.lot_id.name == self.lot_name:
            return self.lot_id
        move = self.line_id.move_id.sudo()
        # sudo: store managers have no stock rights; the look-up only finds
        # whether the number they typed is already a lot of this product.
        return (
            self.env["stock.lot"]
            .sudo()
            .search(
                [
                    ("product_id", "=", move.product_id.id),
                    ("name", "=", self.lot_name.strip()),
                    ("company_id", "in", [move.company_id.id, False]),
                ],
                limit=1,
            )
        )

    def _prepare_move_line_values(self):
        """Values of the receipt's move line for this lot (extended by addons
        that track more per lot, such as expiry dates)."""
        self.ensure_one()
        move = self.line_id.move_id.sudo()
        values = move._prepare_move_line_vals()
        values.update(
            {
                "product_uom_id": move.product_uom.id,
                "quantity": self.quantity,
                "picked": True,
            }
        )
        lot = self._get_stock_lot()
        if lot:
            values["lot_id"] = lot.id
        else:
            values["lot_name"] = self.lot_name.strip()
        return values
