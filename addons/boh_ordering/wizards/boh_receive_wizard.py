from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import float_compare, float_is_zero

from ..models.boh_claim import CLAIM_REASONS


class BohReceiveWizard(models.TransientModel):
    """Receive the goods of a store order: one line per incoming move."""

    _name = "boh.receive.wizard"
    _description = "BOH Receive Store Order"

    order_id = fields.Many2one("boh.store.order", required=True, readonly=True)
    store_id = fields.Many2one(related="order_id.store_id")
    line_ids = fields.One2many("boh.receive.wizard.line", "wizard_id", string="Lines")
    create_backorder = fields.Boolean(
        help="Keep what was not delivered on a new transfer, to be delivered"
        " later. By default the missing quantities are closed and claimed.",
    )

    @api.model
    def _create_for_order(self, order):
        """A wizard with a line per store move of ``order`` still to receive.

        The wizard is created on the server so that store managers, who have no
        stock rights, never read stock moves in the browser.
        """
        order.check_access("write")
        # sudo: reading the order's own moves to list them, nothing else.
        moves = (
            order.sudo()
            ._get_store_receipt_moves()
            .filtered(lambda m: m.state not in ("done", "cancel"))
        )
        if not moves:
            raise UserError(
                _(
                    "Order %(order)s has no goods waiting to be received.",
                    order=order.name,
                )
            )
        return self.create(
            {
                "order_id": order.id,
                "line_ids": [
                    Command.create(
                        {
                            "move_id": move.id,
                            "product_id": move.product_id.id,
                            "product_uom_id": move.product_uom.id,
                            "qty_expected": move.product_uom_qty,
                            "qty_received": move.quantity or move.product_uom_qty,
                        }
                    )
                    for move in moves.sorted(
                        lambda m: (m.boh_order_line_id.sequence, m.id)
                    )
                ],
            }
        )

    def _get_over_tolerance(self):
        """Allowed over-receipt (percent of the expected quantity), suppliers only."""
        if self.order_id.source_type != "supplier":
            return 0.0
        value = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("boh_ordering.receipt_over_tolerance", "0")
        )
        try:
            return max(float(value), 0.0)
        except ValueError:
            return 0.0

    def _check_lines(self):
        self.ensure_one()
        tolerance = self._get_over_tolerance()
        for line in self.line_ids:
            rounding = line.product_uom_id.rounding
            label = {
                "order": self.order_id.name,
                "product": line.product_id.display_name,
            }
            if float_compare(line.qty_received, 0, precision_rounding=rounding) < 0:
                raise ValidationError(
                    _(
                        "Order %(order)s, line %(product)s: the Received quantity"
                        " cannot be negative.",
                        **label,
                    )
                )
            if float_compare(line.qty_claimed, 0, precision_rounding=rounding) < 0:
                raise ValidationError(
                    _(
                        "Order %(order)s, line %(product)s: the Claimed quantity"
                        " cannot be negative.",
                        **label,
                    )
                )
            allowed = line.qty_expected * (1 + tolerance / 100.0)
            if (
                float_compare(line.qty_received, allowed, precision_rounding=rounding)
                > 0
            ):
                raise ValidationError(
                    _(
                        "Order %(order)s, line %(product)s: the Received quantity"
                        " %(received)s is more than the %(allowed)s %(uom)s allowed.",
                        received=line.qty_received,
                        allowed=allowed,
                        uom=line.product_uom_id.name,
                        **label,
                    )
                )
            if (
                float_compare(
                    line.qty_scrap, line.qty_received, precision_rounding=rounding
                )
                > 0
            ):
                raise ValidationError(
                    _(
                        "Order %(order)s, line %(product)s: the Claimed quantity"
                        " %(claimed)s is more than what is missing (%(missing)s)"
                        " plus what is received (%(received)s).",
                        claimed=line.qty_claimed,
                        missing=max(line.qty_expected - line.qty_received, 0.0),
                        received=line.qty_received,
                        **label,
                    )
                )
            if line.reason and float_is_zero(
                line.qty_claimed, precision_rounding=rounding
            ):
                raise ValidationError(
                    _(
                        "Order %(order)s, line %(product)s: enter the Claimed quantity"
                        " for the discrepancy.",
                        **label,
                    )
                )
            if not line.reason and not float_is_zero(
                line.qty_claimed, precision_rounding=rounding
            ):
                raise ValidationError(
                    _(
                        "Order %(order)s, line %(product)s: choose the Reason of the"
                        " discrepancy.",
                        **label,
                    )
                )

    def action_confirm(self):
        self.ensure_one()
        if not self.env.user.has_group("boh_base.group_boh_store_manager"):
            raise AccessError(
                _(
                    "Only store managers can receive the goods of order %(order)s.",
                    order=self.order_id.name,
                )
            )
        # The record rules of boh.store.order decide who may receive for a store.
        self.order_id.check_access("write")
        if not self.line_ids:
            raise UserError(
                _(
                    "Order %(order)s has no goods waiting to be received.",
                    order=self.order_id.name,
                )
            )
        for line in self.line_ids:
            if (
                not line.reason
                and float_compare(
                    line.qty_received,
                    line.qty_expected,
                    precision_rounding=line.product_uom_id.rounding,
                )
                < 0
            ):
                line.write(
                    {
                        "reason": "short",
                        "qty_claimed": line.qty_expected - line.qty_received,
                    }
                )
        self._check_lines()
        claims = self._create_claims()
        self._validate_pickings()
        self._scrap_damaged(claims)
        if claims:
            claims.action_open()
        return {"type": "ir.actions.act_window_close"}

    def _scrap_damaged(self, claims):
        """Damaged goods kept at the store never become sellable stock: once
        received, they are scrapped (stock.scrap to the company's scrap
        location, linked to their claim and to the receipt)."""
        # sudo: store managers have no stock rights; the scraps only take the
        # claimed goods of their own order's receipt (checked in action_confirm)
        # out of their store's stock.
        Scrap = self.env["stock.scrap"].sudo()
        claim_lines = self.line_ids.filtered("reason")
        for line, claim in zip(claim_lines, claims, strict=True):
            if float_is_zero(
                line.qty_scrap, precision_rounding=line.product_uom_id.rounding
            ):
                continue
            move = line.move_id.sudo()
            scrap = Scrap.create(
                {
                    "product_id": move.product_id.id,
                    "product_uom_id": move.product_uom.id,
                    "scrap_qty": line.qty_scrap,
                    "location_id": move.location_dest_id.id,
                    "picking_id": move.picking_id.id,
                    "company_id": move.company_id.id,
                    "origin": claim.name,
                    "lot_id": move.move_line_ids.lot_id[:1].id,
                }
            )
            if not scrap.check_available_qty():
                raise UserError(
                    _(
                        "Order %(order)s, line %(product)s: the %(qty)s %(uom)s"
                        " claimed as %(reason)s are not in the stock of store"
                        " %(store)s and cannot be scrapped.",
                        order=self.order_id.name,
                        product=line.product_id.display_name,
                        qty=line.qty_scrap,
                        uom=line.product_uom_id.name,
                        reason=dict(
                            line._fields["reason"]._description_selection(self.env)
                        )[line.reason],
                        store=self.order_id.store_id.display_name,
                    )
                )
            scrap.action_validate()
            claim._boh_workflow().write({"scrap_id": scrap.id})

    def _validate_pickings(self):
        """Set the received quantities and validate the store's transfers."""
        # Store managers have no stock rights: sudo() is safe here because the
        # moves are exactly those of an order they may write (checked above).
        moves_sudo = self.line_ids.move_id.sudo()
        for line in self.line_ids:
            move_sudo = line.move_id.sudo()
            move_sudo.quantity = line.qty_received
            move_sudo.picked = True
        pickings_sudo = moves_sudo.picking_id
        received = pickings_sudo.filtered(
            lambda p: any(
                not float_is_zero(m.quantity, precision_rounding=m.product_uom.rounding)
                for m in p.move_ids
                if m.state not in ("done", "cancel")
            )
        )
        empty = pickings_sudo - received
        if not self.create_backorder:
            empty.action_cancel()
        ctx = {"skip_backorder": True, "skip_sms": True}
        if not self.create_backorder:
            ctx["picking_ids_not_to_backorder"] = received.ids
        received.with_context(**ctx).button_validate()
        self.order_id.sudo()._boh_update_received_state()

    def _prepare_claim_values(self, line):
        move = line.move_id
        order_line = move.boh_order_line_id
        purchase = move._boh_get_purchase_line().order_id
        partner = purchase.partner_id.commercial_partner_id
        if not partner and self.order_id.source_type == "supplier":
            partner = self.order_id.partner_id.commercial_partner_id
        po_line = move._boh_get_purchase_line()
        if po_line:
            # What the supplier invoices: the purchase price, in the claim's
            # unit and the company's currency.
            company = self.order_id.company_id
            price = po_line.product_uom._compute_price(
                po_line.price_unit_discounted, move.product_uom
            )
            price = po_line.currency_id._convert(
                price,
                company.currency_id,
                company,
                po_line.order_id.date_order or fields.Date.context_today(self),
            )
        elif order_line:
            price = order_line.product_uom_id._compute_price(
                order_line.price_unit, move.product_uom
            )
        else:
            price = move.product_id.uom_id._compute_price(
                move.product_id.standard_price, move.product_uom
            )
        return {
            "store_id": self.order_id.store_id.id,
            "order_id": self.order_id.id,
            "order_line_id": order_line.id,
            "picking_id": move.picking_id.id,
            "move_id": move.id,
            "product_id": move.product_id.id,
            "product_uom_id": move.product_uom.id,
            "qty_claimed": line.qty_claimed,
            "price_unit": price,
            "reason": line.reason,
            "note": line.note,
            "partner_id": partner.id,
            "purchase_id": purchase.id,
            "company_id": self.order_id.company_id.id,
        }

    def _create_claims(self):
        # Reading the purchase order of the move needs no purchase rights from the
        # store manager; the values only describe goods of their own order.
        wizard_sudo = self.sudo()
        values = [
            wizard_sudo._prepare_claim_values(line)
            for line in wizard_sudo.line_ids
            if line.reason
        ]
        return self.env["boh.claim"].create(values)


class BohReceiveWizardLine(models.TransientModel):
    _name = "boh.receive.wizard.line"
    _description = "BOH Receive Store Order Line"

    wizard_id = fields.Many2one("boh.receive.wizard", required=True, ondelete="cascade")
    move_id = fields.Many2one("stock.move", required=True, readonly=True)
    picking_name = fields.Char(related="move_id.picking_id.name", string="Transfer")
    product_id = fields.Many2one("product.product", required=True, readonly=True)
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
