import logging
from datetime import timedelta

from markupsafe import Markup, escape

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .purchase_order_line import CONFIRM_STATES

_logger = logging.getLogger(__name__)

DEFAULT_CONFIRM_HOURS = 24


class PurchaseOrder(models.Model):
    _name = "purchase.order"
    # The guard first: it checks before purchase.order's own create and write
    # (see boh.supply.purchase.guard).
    _inherit = ["boh.supply.purchase.guard", "purchase.order"]
    # The supplier's answer, set through the portal and the buyer's decisions
    _boh_workflow_fields = frozenset(
        {
            "boh_rejected",
            "boh_reject_reason",
            "boh_confirmed_date",
            "boh_overdue_notified",
        }
    )

    boh_confirmation_state = fields.Selection(
        CONFIRM_STATES,
        string="Supplier Confirmation",
        compute="_compute_boh_confirmation_state",
        store=True,
        index=True,
        tracking=True,
    )
    boh_rejected = fields.Boolean(string="Rejected by Supplier", copy=False)
    boh_reject_reason = fields.Text(string="Rejection Reason", copy=False)
    boh_has_rejection = fields.Boolean(
        string="Lines Rejected by Supplier",
        compute="_compute_boh_has_rejection",
        store=True,
        index=True,
    )
    boh_rejection_handled = fields.Boolean(
        string="Rejection Handled",
        copy=False,
        tracking=True,
        help="The buyer has re-sourced what the supplier rejected.",
    )
    boh_confirm_deadline = fields.Datetime(
        string="Confirm Before",
        compute="_compute_boh_confirm_deadline",
        store=True,
        help="The supplier is expected to confirm the order before this time.",
    )
    boh_confirmed_date = fields.Datetime(string="Confirmed On", copy=False)
    boh_overdue_notified = fields.Boolean(copy=False)
    boh_confirmation_overdue = fields.Boolean(
        string="Confirmation Overdue",
        compute="_compute_boh_confirmation_overdue",
        search="_search_boh_confirmation_overdue",
    )
    boh_proposal_ids = fields.One2many(
        "boh.supply.proposal", "purchase_id", string="Supplier Proposals"
    )
    boh_proposal_pending_count = fields.Integer(
        compute="_compute_boh_proposal_pending_count"
    )
    boh_asn_ids = fields.Many2many(
        "boh.asn",
        "boh_asn_purchase_order_rel",
        "purchase_id",
        "asn_id",
        string="Shipping Notices",
        copy=False,
        readonly=True,
    )
    boh_asn_count = fields.Integer(compute="_compute_boh_asn_count")

    @api.depends(
        "boh_rejected", "order_line.boh_confirm_state", "order_line.display_type"
    )
    def _compute_boh_confirmation_state(self):
        for order in self:
            states = set(
                order.order_line.filtered(lambda line: not line.display_type).mapped(
                    "boh_confirm_state"
                )
            )
            if order.boh_rejected:
                order.boh_confirmation_state = "rejected"
            elif "proposed" in states:
                order.boh_confirmation_state = "proposed"
            elif states and states <= {"confirmed", "rejected"}:
                order.boh_confirmation_state = "confirmed"
            else:
                order.boh_confirmation_state = "to_confirm"

    @api.depends("boh_rejected", "order_line.boh_confirm_state")
    def _compute_boh_has_rejection(self):
        for order in self:
            order.boh_has_rejection = order.boh_rejected or any(
                state == "rejected"
                for state in order.order_line.mapped("boh_confirm_state")
            )

    @api.depends("date_order")
    def _compute_boh_confirm_deadline(self):
        hours = int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("boh_supply.confirm_hours", DEFAULT_CONFIRM_HOURS)
        )
        for order in self:
            order.boh_confirm_deadline = order.date_order and order.date_order + (
                timedelta(hours=hours)
            )

    def _compute_boh_confirmation_overdue(self):
        now = fields.Datetime.now()
        for order in self:
            order.boh_confirmation_overdue = bool(
                order.state in ("sent", "purchase")
                and order.boh_confirmation_state == "to_confirm"
                and order.boh_confirm_deadline
                and order.boh_confirm_deadline < now
            )

    def _search_boh_confirmation_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on overdue confirmations."))
        domain = [
            ("state", "in", ("sent", "purchase")),
            ("boh_confirmation_state", "=", "to_confirm"),
            ("boh_confirm_deadline", "<", fields.Datetime.now()),
        ]
        if (operator == "=") == value:
            return domain
        return ["!", "&", "&", *domain]

    def _compute_boh_proposal_pending_count(self):
        groups = self.env["boh.supply.proposal"]._read_group(
            [("purchase_id", "in", self.ids), ("state", "=", "pending")],
            ["purchase_id"],
            ["__count"],
        )
        counts = {order.id: count for order, count in groups}
        for order in self:
            order.boh_proposal_pending_count = counts.get(order.id, 0)

    def _compute_boh_asn_count(self):
        for order in self:
            order.boh_asn_count = len(order.boh_asn_ids)

    # ------------------------------------------------------------------
    # Actions (back office)
    # ------------------------------------------------------------------
    def action_boh_view_proposals(self):
        self.check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "boh_supply.boh_supply_proposal_action"
        )
        action["domain"] = [("purchase_id", "in", self.ids)]
        action["context"] = {}
        return action

    def action_boh_view_asns(self):
        self.check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "boh_supply.boh_asn_action"
        )
        action["domain"] = [("id", "in", self.boh_asn_ids.ids)]
        return action

    # ------------------------------------------------------------------
    # Supplier side (called by the portal controller on a checked order)
    # ------------------------------------------------------------------
    def _boh_check_supplier_open(self):
        self.ensure_one()
        if self.boh_rejected:
            raise UserError(
                _("Order %(order)s has already been rejected.", order=self.name)
            )
        if self.state not in ("sent", "to approve", "purchase"):
            raise UserError(
                _(
                    "Order %(order)s can no longer be confirmed or changed "
                    "(state: %(state)s).",
                    order=self.name,
                    state=dict(self._fields["state"].selection).get(self.state),
                )
            )

    def _boh_author_id(self):
        """The partner who acts: the portal user's, passed by the controller
        that works in sudo, else the current user's."""
        return self.env.context.get("boh_author_id") or self.env.user.partner_id.id

    def _boh_product_lines(self):
        return self.order_line.filtered(lambda line: not line.display_type)

    def _boh_own_lines(self, lines=None):
        """The order's product lines among ``lines`` (all by default); lines
        of another order are refused."""
        product_lines = self._boh_product_lines()
        lines = product_lines if lines is None else lines
        foreign = lines - product_lines
        if foreign:
            raise UserError(
                _(
                    "Lines %(lines)s are not lines of order %(order)s.",
                    lines=", ".join(str(i) for i in foreign.ids),
                    order=self.name,
                )
            )
        return lines

    def _boh_supplier_confirm(self, lines=None):
        """Confirm the given lines (all lines to confirm by default)."""
        self._boh_check_supplier_open()
        lines = self._boh_own_lines(lines)
        pending = lines.filtered(lambda line: line.boh_confirm_state == "proposed")
        if pending:
            raise UserError(
                _(
                    "Order %(order)s: lines %(products)s have a proposal waiting "
                    "for the buyer.",
                    order=self.name,
                    products=", ".join(pending.mapped("product_id.display_name")),
                )
            )
        todo = lines.filtered(lambda line: line.boh_confirm_state == "to_confirm")
        if not todo:
            raise UserError(
                _("Order %(order)s: nothing left to confirm.", order=self.name)
            )
        todo.boh_confirm_state = "confirmed"
        if self.boh_confirmation_state == "confirmed":
            self.write(
                {
                    "boh_confirmed_date": fields.Datetime.now(),
                    "mail_reception_confirmed": True,
                }
            )
            body = _("The supplier confirmed the whole order.")
        else:
            body = Markup("%s<ul>%s</ul>") % (
                _("The supplier confirmed these lines:"),
                Markup("").join(
                    Markup("<li>%s</li>") % line.product_id.display_name
                    for line in todo
                ),
            )
        self.message_post(body=body, author_id=self._boh_author_id())
        return todo

    def _boh_supplier_reject(self, reason, lines=None):
        """The supplier cannot deliver ``lines`` (the whole order by default).

        What is rejected is cancelled: the whole order when every line is
        rejected and nothing was received or billed yet, else the open
        receipt moves of the rejected lines, whose ordered quantity drops to
        what was received.  The quantity each line lost is kept in
        ``boh_rejected_qty`` for the documents the order came from.
        """
        self._boh_check_supplier_open()
        reason = (reason or "").strip()
        if not reason:
            raise UserError(
                _(
                    "Order %(order)s: give the reason for the rejection.",
                    order=self.name,
                )
            )
        whole = lines is None
        lines = self._boh_own_lines(lines)
        product_lines = self._boh_product_lines()
        if not lines:
            raise UserError(
                _("Order %(order)s: choose the lines you reject.", order=self.name)
            )
        if not whole:
            closed = lines.filtered(
                lambda line: line.boh_confirm_state in ("proposed", "rejected")
            )
            if closed:
                raise UserError(
                    _(
                        "Order %(order)s: lines %(products)s are already rejected"
                        " or have a proposal waiting for the buyer.",
                        order=self.name,
                        products=", ".join(closed.mapped("product_id.display_name")),
                    )
                )
            whole = not (product_lines - lines).filtered(
                lambda line: line.boh_confirm_state != "rejected"
            )
        for line in lines:
            line.boh_rejected_qty = max(line.product_qty - line.qty_received, 0.0)
        lines.boh_confirm_state = "rejected"
        untouched = not any(
            move.state == "done" for move in product_lines.move_ids
        ) and all(bill.state in ("draft", "cancel") for bill in self.invoice_ids)
        if whole:
            self.write({"boh_rejected": True, "boh_reject_reason": reason})
        if whole and untouched:
            self.button_cancel()
        else:
            lines.move_ids.filtered(
                lambda move: move.state not in ("done", "cancel")
            )._action_cancel()
            for line in lines:
                if line.product_qty > line.qty_received:
                    line.product_qty = line.qty_received
        if whole:
            body = Markup("%s<br/>%s") % (_("The supplier rejected the order:"), reason)
        else:
            body = Markup("%s<ul>%s</ul>%s") % (
                _("The supplier rejected these lines:"),
                Markup("").join(
                    Markup("<li>%s</li>") % line.product_id.display_name
                    for line in lines
                ),
                reason,
            )
        self.message_post(body=body, author_id=self._boh_author_id())
        self._boh_schedule_buyer_activity(_("Order rejected by the supplier"), reason)
        self._boh_after_supplier_reject(lines, reason)
        return lines

    def _boh_after_supplier_reject(self, lines, reason):
        """Hook: ``lines`` were rejected by the supplier (already cancelled)."""
        return True

    def action_boh_rejection_handled(self):
        """The buyer has dealt with the supplier's rejection."""
        self.check_access("write")
        self.filtered(lambda po: po.boh_has_rejection).boh_rejection_handled = True
        return True

    def _boh_supplier_propose(self, proposals, note=None):
        """Create proposals: ``[{"line": pol, "qty", "price", "date"}]``.

        A missing value means "unchanged".  Everything is checked before
        anything is written.
        """
        self._boh_check_supplier_open()
        product_lines = self._boh_product_lines()
        today = fields.Date.context_today(self)
        vals_list = []
        for proposal in proposals:
            line = proposal["line"]
            if line not in product_lines:
                raise UserError(
                    _(
                        "Line %(line)s is not a line of order %(order)s.",
                        line=line.id,
                        order=self.name,
                    )
                )
            vals = line._boh_proposal_vals(
                proposal.get("qty"),
                proposal.get("price"),
                proposal.get("date"),
                note,
                today,
            )
            if vals:
                vals_list.append(vals)
        if not vals_list:
            raise UserError(
                _(
                    "Order %(order)s: the proposal changes nothing.",
                    order=self.name,
                )
            )
        records = self.env["boh.supply.proposal"].create(vals_list)
        records.line_id.boh_confirm_state = "proposed"
        self.message_post(
            body=Markup("%s<ul>%s</ul>")
            % (
                _("The supplier proposed changes:"),
                Markup("").join(
                    Markup("<li>%s</li>") % p._boh_describe() for p in records
                ),
            ),
            author_id=self._boh_author_id(),
        )
        self._boh_schedule_buyer_activity(_("Supplier proposals to decide"), note or "")
        return records

    def _boh_schedule_buyer_activity(self, summary, note):
        for order in self:
            user = order.user_id or self.env.ref("base.user_admin")
            # sudo: the supplier schedules the buyer's to-do on its own order,
            # already checked by the caller
            order.sudo().activity_schedule(
                "mail.mail_activity_data_todo",
                summary=summary,
                note=escape(note),
                user_id=user.id,
            )

    @api.model
    def _cron_boh_flag_overdue_confirmations(self):
        """Give the buyer a to-do for each order not confirmed in time."""
        orders = self.search(
            [
                ("boh_confirmation_overdue", "=", True),
                ("boh_overdue_notified", "=", False),
            ]
        )
        for order in orders:
            order._boh_schedule_buyer_activity(
                _("Supplier confirmation overdue"),
                _(
                    "%(supplier)s has not confirmed %(order)s.",
                    supplier=order.partner_id.display_name,
                    order=order.name,
                ),
            )
        orders.boh_overdue_notified = True
        return orders

    # ------------------------------------------------------------------
    # Supplier bills
    # ------------------------------------------------------------------
    @api.model
    def _boh_create_supplier_bill(
        self, partner, line_values, ref, invoice_date=None, attachments=()
    ):
        """Create a draft vendor bill from a supplier's upload (see
        ``account.move._boh_create_from_supplier_upload``)."""
        return self.env["account.move"]._boh_create_from_supplier_upload(
            partner, line_values, ref, invoice_date, attachments
        )
