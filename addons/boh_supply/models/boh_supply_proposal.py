from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import format_datetime, formatLang


class BohSupplyProposal(models.Model):
    """A supplier's proposal to change a purchase order line.

    Created from the portal, decided by the buyer: accepted (the line takes
    the proposed quantity, price and date) or refused (with a reason the
    supplier is told).
    """

    _name = "boh.supply.proposal"
    _description = "Supplier Proposal on a Purchase Order Line"
    _inherit = ["boh.guard.mixin"]
    _order = "create_date desc, id desc"
    # The buyer's decision: only the Accept and Refuse buttons set it.
    _boh_workflow_fields = frozenset(
        {"state", "refuse_reason", "decided_by_id", "decided_date"}
    )
    # What the supplier proposed, on which line: fixed when it is sent.
    _boh_create_only_fields = frozenset(
        {
            "line_id",
            "purchase_id",
            "partner_id",
            "company_id",
            "current_qty",
            "current_price",
            "current_date",
            "proposed_qty",
            "proposed_price",
            "proposed_date",
            "note",
        }
    )

    line_id = fields.Many2one(
        "purchase.order.line", required=True, ondelete="cascade", index=True
    )
    purchase_id = fields.Many2one(
        related="line_id.order_id", store=True, index=True, string="Purchase Order"
    )
    partner_id = fields.Many2one(
        "res.partner",
        compute="_compute_partner_id",
        store=True,
        index=True,
        string="Supplier",
    )
    company_id = fields.Many2one(related="line_id.company_id", store=True)
    user_id = fields.Many2one(related="purchase_id.user_id", string="Buyer")
    product_id = fields.Many2one(related="line_id.product_id")
    product_uom_id = fields.Many2one(related="line_id.product_uom", string="Unit")
    currency_id = fields.Many2one(related="line_id.currency_id")
    current_qty = fields.Float(digits="Product Unit of Measure", readonly=True)
    current_price = fields.Float(digits="Product Price", readonly=True)
    current_date = fields.Datetime(readonly=True)
    proposed_qty = fields.Float(digits="Product Unit of Measure", readonly=True)
    proposed_price = fields.Float(digits="Product Price", readonly=True)
    proposed_date = fields.Datetime(readonly=True)
    note = fields.Text(readonly=True)
    state = fields.Selection(
        [
            ("pending", "To Decide"),
            ("accepted", "Accepted"),
            ("refused", "Refused"),
        ],
        default="pending",
        required=True,
        readonly=True,
        index=True,
    )
    refuse_reason = fields.Text(readonly=True)
    decided_by_id = fields.Many2one("res.users", readonly=True)
    decided_date = fields.Datetime(readonly=True)

    @api.depends("line_id.order_id.partner_id")
    def _compute_partner_id(self):
        for proposal in self:
            proposal.partner_id = (
                proposal.line_id.order_id.partner_id.commercial_partner_id
            )

    @api.depends("product_id", "purchase_id")
    def _compute_display_name(self):
        for proposal in self:
            proposal.display_name = (
                f"{proposal.purchase_id.name} - {proposal.product_id.display_name}"
            )

    def _boh_describe(self):
        self.ensure_one()
        parts = [self.product_id.display_name]
        if self.proposed_qty != self.current_qty:
            parts.append(
                _(
                    "quantity %(old)s → %(new)s",
                    old=formatLang(self.env, self.current_qty),
                    new=formatLang(self.env, self.proposed_qty),
                )
            )
        if self.proposed_price != self.current_price:
            parts.append(
                _(
                    "price %(old)s → %(new)s",
                    old=formatLang(
                        self.env, self.current_price, currency_obj=self.currency_id
                    ),
                    new=formatLang(
                        self.env, self.proposed_price, currency_obj=self.currency_id
                    ),
                )
            )
        if self.proposed_date != self.current_date:
            parts.append(
                _(
                    "date %(old)s → %(new)s",
                    old=format_datetime(self.env, self.current_date, dt_format="short"),
                    new=format_datetime(
                        self.env, self.proposed_date, dt_format="short"
                    ),
                )
            )
        return ": ".join([parts[0], ", ".join(parts[1:])])

    def _check_buyer(self):
        """Only buyers (purchase users) decide on proposals."""
        if not (self.env.su or self.env.user.has_group("purchase.group_purchase_user")):
            raise AccessError(
                _(
                    "Only buyers can decide on the supplier proposals %(names)s.",
                    names=", ".join(self.sudo().mapped("display_name")),
                )
            )
        self.check_access("write")

    def _boh_decision_author(self, order):
        """Who tells the supplier: the buyer, or the company when the buyer
        has no email address to write from."""
        partner = self.env.user.partner_id
        return partner if partner.email else order.company_id.partner_id

    def _check_pending(self):
        decided = self.filtered(lambda p: p.state != "pending")
        if decided:
            raise UserError(
                _(
                    "Proposals %(names)s have already been decided.",
                    names=", ".join(decided.mapped("display_name")),
                )
            )

    def action_accept(self):
        """Apply the proposals to their order lines (in bulk)."""
        self._check_buyer()
        self._check_pending()
        for order, proposals in self.grouped("purchase_id").items():
            for proposal in proposals:
                # sudo: a buyer (checked above) applies the supplier's proposal;
                # Odoo posts the changed quantity on the order as the current
                # user, who may have no email address to write from
                proposal.line_id.sudo().write(
                    {
                        "product_qty": proposal.proposed_qty,
                        "price_unit": proposal.proposed_price,
                        "date_planned": proposal.proposed_date,
                        "boh_confirm_state": "confirmed",
                    }
                )
            # sudo: the buyer (checked above) tells the supplier about the
            # decision on its order; buyers may have no email address
            order.sudo().message_post(
                author_id=self._boh_decision_author(order).id,
                body=Markup("%s<ul>%s</ul>")
                % (
                    _("The buyer accepted the supplier's proposals:"),
                    Markup("").join(
                        Markup("<li>%s</li>") % p._boh_describe() for p in proposals
                    ),
                ),
                partner_ids=order.partner_id.ids,
                subtype_xmlid="mail.mt_comment",
            )
        self._boh_workflow().write(
            {
                "state": "accepted",
                "decided_by_id": self.env.user.id,
                "decided_date": fields.Datetime.now(),
            }
        )
        return True

    def action_refuse(self, reason):
        """Refuse the proposals, telling the supplier why."""
        self._check_buyer()
        self._check_pending()
        reason = (reason or "").strip()
        if not reason:
            raise UserError(_("Give the supplier the reason for the refusal."))
        self._boh_workflow().write(
            {
                "state": "refused",
                "refuse_reason": reason,
                "decided_by_id": self.env.user.id,
                "decided_date": fields.Datetime.now(),
            }
        )
        self.line_id._boh_workflow().boh_confirm_state = "to_confirm"
        for order, proposals in self.grouped("purchase_id").items():
            # sudo: as above, for the refusal
            order.sudo().message_post(
                author_id=self._boh_decision_author(order).id,
                body=Markup("%s<ul>%s</ul>%s")
                % (
                    _("The buyer refused the supplier's proposals:"),
                    Markup("").join(
                        Markup("<li>%s</li>") % p._boh_describe() for p in proposals
                    ),
                    reason,
                ),
                partner_ids=order.partner_id.ids,
                subtype_xmlid="mail.mt_comment",
            )
        return True

    def action_open_refuse_wizard(self):
        return {
            "type": "ir.actions.act_window",
            "name": _("Refuse Proposals"),
            "res_model": "boh.supply.proposal.refuse",
            "view_mode": "form",
            "target": "new",
            "context": {"default_proposal_ids": [(6, 0, self.ids)]},
        }
