import logging
from datetime import timedelta

from markupsafe import Markup, escape

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare, format_date

from odoo.addons.boh_base.services.inputs import check_date, check_number

from .purchase_order_line import CONFIRM_STATES

_logger = logging.getLogger(__name__)

DEFAULT_CONFIRM_HOURS = 24


class PurchaseOrder(models.Model):
    _name = "purchase.order"
    _inherit = ["purchase.order", "boh.guard.mixin"]
    # The supplier's answer, set through the portal and the buyer's decisions
    _boh_workflow_fields = frozenset(
        {
            "boh_rejected",
            "boh_reject_reason",
            "boh_confirmed_date",
            "boh_overdue_notified",
        }
    )

    # Odoo's own write and create of orders compare quantities and dates
    # before the guard mixin (after them in the class order) would see bad
    # values: check what a user sends first.
    @api.model_create_multi
    def create(self, vals_list):
        if not self._boh_guard_lifted():
            for vals in vals_list:
                self._boh_guard_values(vals)
        return super().create(vals_list)

    def write(self, vals):
        if not self._boh_guard_lifted():
            self._boh_guard_values(vals)
        return super().write(vals)

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
            name = line.product_id.display_name
            if line.boh_confirm_state == "proposed":
                raise UserError(
                    _(
                        "Order %(order)s, %(product)s: a proposal is already "
                        "waiting for the buyer.",
                        order=self.name,
                        product=name,
                    )
                )
            qty, price, date = (
                proposal.get("qty"),
                proposal.get("price"),
                proposal.get("date"),
            )
            label = _("Order %(order)s, %(product)s", order=self.name, product=name)
            if qty is not None:
                qty = check_number(qty, label, _("Proposed quantity"))
            if price is not None:
                price = check_number(price, label, _("Proposed price"))
            if date is not None:
                date = check_date(date, label, _("Proposed date"))
            if qty is not None and qty <= 0:
                raise UserError(
                    _(
                        "Order %(order)s, %(product)s: the proposed quantity must "
                        "be positive.",
                        order=self.name,
                        product=name,
                    )
                )
            if price is not None and price < 0:
                raise UserError(
                    _(
                        "Order %(order)s, %(product)s: the proposed price cannot "
                        "be negative.",
                        order=self.name,
                        product=name,
                    )
                )
            if date is not None and date < today:
                raise UserError(
                    _(
                        "Order %(order)s, %(product)s: the proposed date "
                        "%(date)s is in the past.",
                        order=self.name,
                        product=name,
                        date=format_date(self.env, date),
                    )
                )
            rounding = line.product_uom.rounding
            changed_qty = qty is not None and float_compare(
                qty, line.product_qty, precision_rounding=rounding
            )
            changed_price = price is not None and float_compare(
                price, line.price_unit, precision_digits=6
            )
            changed_date = date is not None and date != line.date_planned.date()
            if not (changed_qty or changed_price or changed_date):
                continue
            vals_list.append(
                {
                    "line_id": line.id,
                    "current_qty": line.product_qty,
                    "current_price": line.price_unit,
                    "current_date": line.date_planned,
                    "proposed_qty": qty if changed_qty else line.product_qty,
                    "proposed_price": price if changed_price else line.price_unit,
                    "proposed_date": line._convert_to_middle_of_day(
                        fields.Datetime.to_datetime(date)
                    )
                    if changed_date
                    else line.date_planned,
                    "note": note,
                }
            )
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
    def _boh_check_bill_line(self, pol, qty, price, ref):
        product = pol.product_id.display_name
        label = _(
            "Invoice %(ref)s, %(order)s %(product)s",
            ref=ref,
            order=pol.order_id.name,
            product=product,
        )
        qty = check_number(qty, label, _("Quantity"))
        price = check_number(price, label, _("Unit price"))
        if qty < 0 or price < 0:
            raise UserError(
                _(
                    "Invoice %(ref)s, %(order)s %(product)s: quantity and "
                    "price cannot be negative.",
                    ref=ref,
                    order=pol.order_id.name,
                    product=product,
                )
            )
        billable = pol.product_qty - pol.qty_invoiced
        if (
            float_compare(qty, billable, precision_rounding=pol.product_uom.rounding)
            > 0
        ):
            raise UserError(
                _(
                    "Invoice %(ref)s, %(order)s %(product)s: %(qty)s billed "
                    "but only %(billable)s left to bill on the order.",
                    ref=ref,
                    order=pol.order_id.name,
                    product=product,
                    qty=qty,
                    billable=billable,
                )
            )

    @api.model
    def _boh_create_supplier_bill(
        self, partner, line_values, ref, invoice_date=None, attachments=()
    ):
        """Create a draft vendor bill from a supplier's upload.

        ``line_values``: ``[{"line": purchase.order.line, "qty", "price"}]``;
        ``attachments``: ``[(file name, bytes, mimetype)]``.  Everything is
        checked before the bill is created.
        """
        partner = partner.commercial_partner_id
        ref = (ref or "").strip()
        if not ref:
            raise UserError(_("Give the number of your invoice."))
        if not line_values:
            raise UserError(_("The invoice %(ref)s has no line.", ref=ref))
        orders = self.browse()
        for values in line_values:
            orders |= values["line"].order_id
        foreign = orders.filtered(
            lambda po: po.partner_id.commercial_partner_id != partner
        )
        if foreign:
            raise UserError(
                _(
                    "Invoice %(ref)s: orders %(orders)s are not orders of "
                    "%(supplier)s.",
                    ref=ref,
                    orders=", ".join(foreign.mapped("name")),
                    supplier=partner.display_name,
                )
            )
        closed = orders.filtered(lambda po: po.state not in ("purchase", "done"))
        if closed:
            raise UserError(
                _(
                    "Invoice %(ref)s: orders %(orders)s are not confirmed.",
                    ref=ref,
                    orders=", ".join(closed.mapped("name")),
                )
            )
        if len(orders.company_id) > 1 or len(orders.currency_id) > 1:
            raise UserError(
                _(
                    "Invoice %(ref)s: the orders must share one company and one "
                    "currency.",
                    ref=ref,
                )
            )
        if invoice_date:
            invoice_date = check_date(
                invoice_date, _("Invoice %(ref)s", ref=ref), _("Invoice date")
            )
        duplicate = self.env["account.move"].search_count(
            [
                ("move_type", "=", "in_invoice"),
                ("commercial_partner_id", "=", partner.id),
                ("ref", "=", ref),
                ("state", "!=", "cancel"),
            ]
        )
        if duplicate:
            raise UserError(_("Invoice %(ref)s has already been uploaded.", ref=ref))
        lines_cmd = []
        for values in line_values:
            pol, qty, price = values["line"], values["qty"], values["price"]
            self._boh_check_bill_line(pol, qty, price, ref)
            if not qty:
                continue
            line_vals = pol._prepare_account_move_line()
            line_vals.update({"quantity": qty, "price_unit": price})
            lines_cmd.append((0, 0, line_vals))
        if not lines_cmd:
            raise UserError(_("The invoice %(ref)s bills nothing.", ref=ref))
        first = orders.sorted("id")[0]
        move_vals = first.with_context(
            default_move_type="in_invoice"
        )._prepare_invoice()
        move_vals.update(
            {
                "ref": ref,
                "payment_reference": ref,
                "invoice_date": invoice_date or fields.Date.context_today(self),
                "invoice_origin": ", ".join(orders.mapped("name")),
                "invoice_line_ids": lines_cmd,
                "boh_portal_upload": True,
            }
        )
        bill = (
            self.env["account.move"]
            .with_company(first.company_id)
            .with_context(default_move_type="in_invoice")
            .create(move_vals)
        )
        files = self.env["ir.attachment"]
        if attachments:
            files = self.env["ir.attachment"].create(
                [
                    {
                        "name": name,
                        "raw": data,
                        "mimetype": mimetype,
                        "res_model": "account.move",
                        "res_id": bill.id,
                        "company_id": bill.company_id.id,
                    }
                    for name, data, mimetype in attachments
                ]
            )
        diff_lines = bill.invoice_line_ids.filtered("boh_has_diff")
        body = Markup("%s") % _("Bill uploaded by the supplier through the portal.")
        if diff_lines:
            items = Markup("")
            for line in diff_lines:
                items += Markup("<li>%s</li>") % _(
                    "%(product)s: billed %(qty)s, received %(received)s, "
                    "price %(price)s vs ordered %(ordered)s",
                    product=line.product_id.display_name,
                    qty=line.quantity,
                    received=line.boh_qty_received,
                    price=line.price_unit,
                    ordered=line.boh_price_ordered,
                )
            body += Markup("<br/>%s<ul>%s</ul>") % (
                _("Differences with the order and the receipts:"),
                items,
            )
        bill.message_post(
            body=body,
            author_id=self._boh_author_id(),
            attachment_ids=files.ids,
        )
        for order in orders:
            order.message_post(
                body=Markup("%s %s") % (_("Supplier bill uploaded:"), ref),
                author_id=self._boh_author_id(),
            )
        return bill
