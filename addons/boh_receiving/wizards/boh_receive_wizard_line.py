from odoo import _, api, fields, models

from ..models.boh_claim import CLAIM_REASONS


class BohReceiveWizardLine(models.TransientModel):
    _name = "boh.receive.wizard.line"
    _inherit = ["boh.input.mixin"]
    _boh_numeric_fields = ("qty_received", "qty_claimed")
    _boh_store_field = None
    _description = "BOH Receive Store Order Line"

    wizard_id = fields.Many2one("boh.receive.wizard", required=True, ondelete="cascade")
    move_id = fields.Many2one("stock.move", required=True, readonly=True)
    picking_name = fields.Char(related="move_id.picking_id.name", string="Transfer")
    product_id = fields.Many2one("product.product", required=True, readonly=True)
    tracking = fields.Selection(related="product_id.tracking")
    lots_editable = fields.Boolean(
        compute="_compute_lots_editable",
        help="Lot-tracked goods that arrive from a supplier: the store types"
        " the lot numbers it receives.",
    )
    product_uom_id = fields.Many2one(
        "uom.uom", string="Unit", required=True, readonly=True
    )
    qty_expected = fields.Float(
        string="Expected", digits="Product Unit of Measure", readonly=True
    )
    qty_received = fields.Float(string="Received", digits="Product Unit of Measure")
    reason = fields.Selection(CLAIM_REASONS, string="Discrepancy")
    qty_claimed = fields.Float(
        string="Claimed",
        digits="Product Unit of Measure",
        compute="_compute_qty_claimed",
        store=True,
        readonly=False,
    )
    qty_scrap = fields.Float(
        string="Not Sellable",
        digits="Product Unit of Measure",
        compute="_compute_qty_scrap",
        help="Claimed goods kept at the store (damaged, expired...): received,"
        " then scrapped at once so that they are never sold. Goods handed back"
        " to the driver are not received: lower the Received quantity instead.",
    )
    note = fields.Char()

    def _boh_input_label(self, vals):
        line = self[:1]
        return _(
            "Order %(order)s, line %(product)s",
            order=line.wizard_id.order_id.name or "",
            product=line.product_id.display_name or "",
        )

    @api.depends("product_id", "move_id")
    def _compute_display_name(self):
        for line in self:
            line.display_name = line.product_id.display_name or ""

    @api.depends("tracking", "move_id")
    def _compute_lots_editable(self):
        for line in self:
            # sudo: where the goods come from and whether the receipt creates
            # lots are set on the move and its operation type, which store
            # managers cannot read. Goods from a warehouse or kitchen carry the
            # lots it shipped; only a supplier's lots are typed at the store.
            move = line.move_id.sudo()
            line.lots_editable = (
                line.tracking == "lot"
                and move.location_id.usage == "supplier"
                and move.picking_type_id.use_create_lots
            )

    def _prepare_lot_values(self):
        """The lots the receipt expects for this line (as announced)."""
        self.ensure_one()
        # sudo: the announced lots of the order's own receipt move.
        move = self.move_id.sudo()
        values = []
        for move_line in move.move_line_ids.filtered(lambda ml: ml.state != "done"):
            name = move_line.lot_id.name or move_line.lot_name
            if not name:
                continue
            values.append(self._prepare_lot_line_values(move_line, name))
        return values

    def _prepare_lot_line_values(self, move_line, name):
        quantity = move_line.product_uom_id._compute_quantity(
            move_line.quantity, self.product_uom_id
        )
        return {
            "line_id": self.id,
            "lot_id": move_line.lot_id.id,
            "lot_name": name,
            "quantity": quantity,
        }

    @api.depends("qty_expected", "qty_received", "qty_claimed", "reason")
    def _compute_qty_scrap(self):
        for line in self:
            if not line.reason or line.reason == "short":
                line.qty_scrap = 0.0
                continue
            missing = max(line.qty_expected - line.qty_received, 0.0)
            line.qty_scrap = max(line.qty_claimed - missing, 0.0)

    @api.depends("qty_received", "reason")
    def _compute_qty_claimed(self):
        for line in self:
            missing = line.qty_expected - line.qty_received
            if missing > 0:
                line.qty_claimed = missing
            elif line.reason in (
                "wrong_item",
                "damaged",
                "expired",
                "quality",
                "temperature",
            ):
                line.qty_claimed = line.qty_claimed or 0.0
            else:
                line.qty_claimed = 0.0

    @api.onchange("qty_received")
    def _onchange_qty_received(self):
        for line in self:
            if line.qty_received < line.qty_expected and not line.reason:
                line.reason = "short"
