from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import float_compare, float_is_zero


class BohReceiveWizard(models.TransientModel):
    """Receive the goods of a store order: one line per incoming move."""

    _name = "boh.receive.wizard"
    _description = "BOH Receive Store Order"

    order_id = fields.Many2one("boh.store.order", required=True, readonly=True)
    store_id = fields.Many2one(related="order_id.store_id")
    line_ids = fields.One2many("boh.receive.wizard.line", "wizard_id", string="Lines")
    lot_ids = fields.One2many(
        "boh.receive.wizard.lot",
        "wizard_id",
        string="Lots",
        help="The lot numbers of lot-tracked goods as they are on the packaging,"
        " with how much of each came. Prefilled from the supplier's shipping"
        " notice; correct them to what was delivered.",
    )
    has_lot_lines = fields.Boolean(compute="_compute_has_lot_lines")
    create_backorder = fields.Boolean(
        help="Keep what was not delivered on a new transfer, to be delivered"
        " later. By default the missing quantities are closed and claimed.",
    )

    @api.depends("line_ids.lots_editable")
    def _compute_has_lot_lines(self):
        for wizard in self:
            wizard.has_lot_lines = any(wizard.line_ids.mapped("lots_editable"))

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
        wizard = self.create(
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
        wizard.lot_ids = [
            Command.create(values)
            for line in wizard.line_ids.filtered("lots_editable")
            for values in line._prepare_lot_values()
        ]
        return wizard

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

    def _check_moves(self):
        """The lines receive the order's own goods, nothing else: a wizard made
        over RPC cannot point at another order's (or store's) moves."""
        self.ensure_one()
        # sudo: reading which moves the order is waiting for, to compare.
        pending = (
            self.order_id.sudo()
            ._get_store_receipt_moves()
            .filtered(lambda m: m.state not in ("done", "cancel"))
        )
        foreign = self.line_ids.move_id.sudo() - pending
        if foreign or len(self.line_ids.move_id) != len(self.line_ids):
            raise AccessError(
                _(
                    "Order %(order)s is not waiting for the goods of %(moves)s:"
                    " only the order's own goods can be received.",
                    order=self.order_id.name,
                    moves=", ".join(foreign.mapped("reference")) or "-",
                )
            )
        stray = self.lot_ids.filtered(lambda lot: lot.line_id not in self.line_ids)
        if stray:
            raise AccessError(
                _(
                    "Order %(order)s: lot %(lot)s belongs to another receipt.",
                    order=self.order_id.name,
                    lot=stray[0].lot_name,
                )
            )

    def _check_lots(self, line):
        """The lots typed for ``line`` name every received unit exactly once."""
        lots = self.lot_ids.filtered(lambda lot: lot.line_id == line)
        if not lots:
            return
        rounding = line.product_uom_id.rounding
        label = {
            "order": self.order_id.name,
            "product": line.product_id.display_name,
        }
        if not line.lots_editable:
            raise ValidationError(
                _(
                    "Order %(order)s, line %(product)s: the lots of goods from a"
                    " warehouse or kitchen are those it shipped and cannot be"
                    " typed at the store.",
                    **label,
                )
            )
        names = [(lot.lot_name or "").strip() for lot in lots]
        if not all(names):
            raise ValidationError(
                _(
                    "Order %(order)s, line %(product)s: give the Lot Number of"
                    " every lot.",
                    **label,
                )
            )
        if len(set(names)) != len(names):
            raise ValidationError(
                _(
                    "Order %(order)s, line %(product)s: lot %(lot)s is listed"
                    " twice; give each lot once with its whole quantity.",
                    lot=next(n for n in names if names.count(n) > 1),
                    **label,
                )
            )
        total = sum(lots.mapped("quantity"))
        if float_compare(total, line.qty_received, precision_rounding=rounding):
            raise ValidationError(
                _(
                    "Order %(order)s, line %(product)s: the lots add up to"
                    " %(lots)s %(uom)s but %(received)s %(uom)s are received.",
                    lots=total,
                    received=line.qty_received,
                    uom=line.product_uom_id.name,
                    **label,
                )
            )

    def _check_lines(self):
        self.ensure_one()
        self._check_moves()
        tolerance = self._get_over_tolerance()
        for line in self.line_ids:
            rounding = line.product_uom_id.rounding
            label = {
                "order": self.order_id.name,
                "product": line.product_id.display_name,
            }
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
            self._check_lots(line)

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
        lot_values = []
        for line in self.line_ids:
            move_sudo = line.move_id.sudo()
            rounding = line.product_uom_id.rounding
            lots = self.lot_ids.filtered(
                lambda lot, line=line, rounding=rounding: (
                    lot.line_id == line
                    and not float_is_zero(lot.quantity, precision_rounding=rounding)
                )
            )
            if lots:
                # The lots on the dock replace what the supplier announced.
                move_sudo.move_line_ids.filtered(lambda ml: ml.state != "done").unlink()
                lot_values += [lot._prepare_move_line_values() for lot in lots]
            else:
                move_sudo.quantity = line.qty_received
            move_sudo.picked = True
        if lot_values:
            self.env["stock.move.line"].sudo().create(lot_values)
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
