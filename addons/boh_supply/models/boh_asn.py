from markupsafe import Markup

from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import float_compare, format_date

from odoo.addons.boh_base.services.inputs import check_date


class BohAsn(models.Model):
    """Advance shipping notice: what a supplier is about to deliver.

    It covers one or several purchase orders of the same supplier; its lines
    give quantities, lot numbers and expiry dates, which pre-fill the
    incoming receipts so that the store only checks them.
    """

    _name = "boh.asn"
    _description = "Advance Shipping Notice"
    _inherit = ["portal.mixin", "mail.thread", "mail.activity.mixin", "boh.guard.mixin"]
    _order = "expected_date desc, id desc"
    # Sent, received or cancelled only through the buttons (which check the
    # notice first) and the receipts it pre-filled.
    _boh_workflow_fields = frozenset({"state", "picking_ids"})
    # Whose notice it is and which orders it covers: fixed at creation.
    _boh_create_only_fields = frozenset({"partner_id", "purchase_ids", "company_id"})

    name = fields.Char(
        required=True, readonly=True, copy=False, default=lambda self: _("New")
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Supplier",
        required=True,
        index=True,
        tracking=True,
        domain=[("is_company", "=", True)],
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    purchase_ids = fields.Many2many(
        "purchase.order",
        "boh_asn_purchase_order_rel",
        "asn_id",
        "purchase_id",
        string="Purchase Orders",
        required=True,
    )
    line_ids = fields.One2many("boh.asn.line", "asn_id", string="Lines", copy=True)
    expected_date = fields.Date(string="Expected Arrival", required=True, tracking=True)
    carrier = fields.Char(tracking=True)
    carrier_ref = fields.Char(string="Tracking Reference", tracking=True)
    note = fields.Text()
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("sent", "Sent"),
            ("received", "Received"),
            ("cancel", "Cancelled"),
        ],
        default="draft",
        required=True,
        tracking=True,
        index=True,
    )
    picking_ids = fields.Many2many(
        "stock.picking",
        "boh_asn_stock_picking_rel",
        "asn_id",
        "picking_id",
        string="Receipts",
        copy=False,
        readonly=True,
    )
    picking_count = fields.Integer(compute="_compute_picking_count")

    def _compute_picking_count(self):
        for asn in self:
            asn.picking_count = len(asn.picking_ids)

    def _compute_access_url(self):
        res = super()._compute_access_url()
        for asn in self:
            asn.access_url = f"/my/boh/asn/{asn.id}"
        return res

    @api.constrains("partner_id", "purchase_ids", "line_ids")
    def _check_partner(self):
        for asn in self:
            partner = asn.partner_id.commercial_partner_id
            foreign = asn.purchase_ids.filtered(
                lambda po, p=partner: po.partner_id.commercial_partner_id != p
            )
            if foreign:
                raise ValidationError(
                    _(
                        "Shipping notice %(asn)s: orders %(orders)s are not "
                        "orders of %(supplier)s.",
                        asn=asn.name,
                        orders=", ".join(foreign.mapped("name")),
                        supplier=partner.display_name,
                    )
                )
            orders = asn.purchase_ids
            outside = asn.line_ids.filtered(
                lambda line, o=orders: line.purchase_line_id.order_id not in o
            )
            if outside:
                raise ValidationError(
                    _(
                        "Shipping notice %(asn)s: line %(product)s belongs to an "
                        "order the notice does not cover.",
                        asn=asn.name,
                        product=outside[0].product_id.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", _("New")) == _("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code("boh.asn") or _(
                    "New"
                )
        return super().create(vals_list)

    # ------------------------------------------------------------------
    def _check_buyer(self):
        """Buyers (purchase users) work on notices in the back office; the
        supplier's portal works in sudo after checking the supplier."""
        if not (self.env.su or self.env.user.has_group("purchase.group_purchase_user")):
            raise AccessError(
                _(
                    "Only buyers can change the shipping notices %(names)s.",
                    names=", ".join(self.sudo().mapped("name")),
                )
            )
        self.check_access("write")

    def _check_before_send(self):
        """Every rule a notice must meet to be sent; raise on the first broken."""
        today = fields.Date.context_today(self)
        for asn in self:
            if asn.state != "draft":
                raise UserError(
                    _("Shipping notice %(asn)s has already been sent.", asn=asn.name)
                )
            label = _("Shipping notice %(asn)s", asn=asn.name)
            check_date(asn.expected_date, label, _("Expected Arrival"))
            for line in asn.line_ids.filtered("expiry_date"):
                check_date(
                    line.expiry_date,
                    _(
                        "Shipping notice %(asn)s, %(product)s",
                        asn=asn.name,
                        product=line.product_id.display_name,
                    ),
                    _("Expiry Date"),
                )
            if asn.expected_date < today:
                raise UserError(
                    _(
                        "Shipping notice %(asn)s: the expected arrival %(date)s is "
                        "in the past.",
                        asn=asn.name,
                        date=format_date(self.env, asn.expected_date),
                    )
                )
            if not asn.line_ids:
                raise UserError(_("Shipping notice %(asn)s has no line.", asn=asn.name))
            closed = asn.purchase_ids.filtered(lambda po: po.state != "purchase")
            if closed:
                raise UserError(
                    _(
                        "Shipping notice %(asn)s: orders %(orders)s are not "
                        "confirmed or are closed.",
                        asn=asn.name,
                        orders=", ".join(closed.mapped("name")),
                    )
                )
            announced = asn.line_ids.purchase_line_id._boh_qty_announced(
                exclude_asn=asn
            )
            for pol, lines in asn.line_ids.grouped("purchase_line_id").items():
                remaining = (
                    pol.product_qty - pol.qty_received - announced.get(pol.id, 0.0)
                )
                if (
                    float_compare(
                        sum(lines.mapped("qty")),
                        remaining,
                        precision_rounding=pol.product_uom.rounding,
                    )
                    > 0
                ):
                    raise UserError(
                        _(
                            "Shipping notice %(asn)s, %(order)s %(product)s: "
                            "%(qty)s announced, but only %(remaining)s remain "
                            "to deliver.",
                            asn=asn.name,
                            order=pol.order_id.name,
                            product=pol.product_id.display_name,
                            qty=sum(lines.mapped("qty")),
                            remaining=max(remaining, 0.0),
                        )
                    )
            asn.line_ids._check_lots(today)
            for line in asn.line_ids:
                if line.expiry_date and line.expiry_date < asn.expected_date:
                    raise UserError(
                        _(
                            "Shipping notice %(asn)s, %(product)s: the goods "
                            "expire (%(expiry)s) before they arrive.",
                            asn=asn.name,
                            product=line.product_id.display_name,
                            expiry=format_date(self.env, line.expiry_date),
                        )
                    )

    def action_send(self):
        """Send the notice: check it, pre-fill the receipts, tell the buyer."""
        self._check_buyer()
        self._check_before_send()
        self._boh_workflow().write({"state": "sent"})
        self._prefill_receipts()
        for asn in self:
            for order in asn.purchase_ids:
                # sudo: the notice was checked above; a buyer who sends it from
                # the back office may have no email address to write from
                order.sudo().message_post(
                    body=Markup(
                        "%s <a href='#' data-oe-model='boh.asn' data-oe-id='%s'>%s</a>"
                    )
                    % (_("Shipping notice sent:"), asn.id, asn.name),
                )
        return True

    def action_cancel(self):
        self._check_buyer()
        received = self.filtered(lambda asn: asn.state == "received")
        if received:
            raise UserError(
                _(
                    "Shipping notice %(asn)s has been received; it cannot be "
                    "cancelled.",
                    asn=received[0].name,
                )
            )
        # The receipt no longer expects what a cancelled notice announced.
        self.env["stock.move.line"].search(
            [
                ("boh_asn_line_id.asn_id", "in", self.ids),
                ("picked", "=", False),
                ("state", "not in", ("done", "cancel")),
            ]
        ).unlink()
        self._boh_workflow().write({"state": "cancel"})

    def action_prefill_receipts(self):
        self._check_buyer()
        self._prefill_receipts()

    def action_view_pickings(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "stock.action_picking_tree_all"
        )
        action["domain"] = [("id", "in", self.picking_ids.ids)]
        action["context"] = {}
        return action

    def _prefill_receipts(self):
        """Add the notices' lines to the open receipts as detailed operations.

        The first notice of a receipt move replaces the operation Odoo proposes
        (the whole ordered quantity); further notices for the same order line
        add their own lines, so that several deliveries add up on the receipt,
        each with its lots, quantities and expiry dates.  Sending a notice again
        replaces only its own unpicked lines.
        """
        MoveLine = self.env["stock.move.line"]
        vals_list = []
        for asn in self.filtered(lambda a: a.state == "sent"):
            lots = asn.line_ids._get_or_create_lots()
            pickings = self.env["stock.picking"]
            moves_done = self.env["stock.move"]
            for line in asn.line_ids:
                moves = line.purchase_line_id.move_ids.filtered(
                    lambda m: (
                        m.state not in ("done", "cancel")
                        and m.picking_code == "incoming"
                    )
                )
                move = moves[:1]
                if not move:
                    continue
                pickings |= move.picking_id
                if move not in moves_done:
                    moves_done |= move
                    # Unpicked operations proposed by Odoo, and this notice's
                    # own from an earlier send, give way; other notices' stay.
                    move.move_line_ids.filtered(
                        lambda ml, a=asn: (
                            not ml.picked
                            and (
                                not ml.boh_asn_line_id or ml.boh_asn_line_id.asn_id == a
                            )
                        )
                    ).unlink()
                vals = {
                    "move_id": move.id,
                    "picking_id": move.picking_id.id,
                    "product_id": move.product_id.id,
                    "product_uom_id": line.product_uom_id.id,
                    "location_id": move.location_id.id,
                    "location_dest_id": move.location_dest_id.id,
                    "quantity": line.qty,
                    "boh_asn_line_id": line.id,
                }
                lot = lots.get((line.product_id.id, line.lot_name))
                if lot:
                    vals["lot_id"] = lot.id
                    if lot.expiration_date:
                        vals["expiration_date"] = lot.expiration_date
                else:
                    vals["lot_name"] = line.lot_name or False
                if not lot and line.expiry_date:
                    vals["expiration_date"] = fields.Datetime.to_datetime(
                        line.expiry_date
                    )
                vals_list.append(vals)
            asn._boh_workflow().picking_ids = [Command.link(p.id) for p in pickings]
            expected = fields.Datetime.to_datetime(asn.expected_date)
            # The receipt is planned for the first announced delivery.
            pickings.filtered(
                lambda p, e=expected: (
                    len(p.boh_asn_ids) == 1
                    or not p.scheduled_date
                    or p.scheduled_date > e
                )
            ).write({"scheduled_date": expected})
        return MoveLine.create(vals_list)

    @api.model
    def _cron_mark_received(self):
        """Notices whose receipts, or whose own receipt lines, are all done
        are received."""
        asns = self.search([("state", "=", "sent")])
        move_lines = self.env["stock.move.line"].search(
            [("boh_asn_line_id.asn_id", "in", asns.ids)]
        )
        lines_by_asn = move_lines.grouped(lambda ml: ml.boh_asn_line_id.asn_id)
        done = asns.filtered(
            lambda asn: (
                (
                    asn.picking_ids
                    and all(p.state in ("done", "cancel") for p in asn.picking_ids)
                )
                or (
                    asn in lines_by_asn
                    and all(ml.state == "done" for ml in lines_by_asn[asn])
                )
            )
        )
        done._boh_workflow().write({"state": "received"})
