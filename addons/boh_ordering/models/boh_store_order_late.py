from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.misc import format_date

from .boh_store_order import AREA_GROUP, MANAGER_GROUP

LATE_ACTIVITY = "boh_ordering.mail_activity_type_late_approval"


class BohStoreOrder(models.Model):
    """Delivery days of the schedule and late approvals of store orders."""

    _inherit = "boh.store.order"
    late_approval_requested = fields.Boolean(
        copy=False,
        readonly=True,
        tracking=True,
        help="The store manager asked the area manager to keep the delivery date"
        " although the cut-off has passed.",
    )
    late_approval_reason = fields.Text(copy=False, readonly=True)
    late_approval_requested_by_id = fields.Many2one(
        "res.users", string="Late Approval Requested By", copy=False, readonly=True
    )
    late_approval_requested_date = fields.Datetime(
        string="Late Approval Requested On", copy=False, readonly=True
    )
    late_approval_refusal_reason = fields.Text(
        string="Late Approval Refused Because", copy=False, readonly=True
    )
    schedule_id = fields.Many2one(
        "boh.order.schedule", compute="_compute_schedule_id", store=True
    )
    cutoff_datetime = fields.Datetime(
        string="Cut-off", compute="_compute_cutoff", help="Shown in your timezone."
    )
    is_late = fields.Boolean(compute="_compute_cutoff")

    @api.depends("store_id", "source_type", "source_store_id", "partner_id")
    def _compute_schedule_id(self):
        Schedule = self.env["boh.order.schedule"]
        for order in self:
            order.schedule_id = (
                Schedule._find(
                    order.store_id,
                    order.source_type,
                    order.source_store_id,
                    order.partner_id,
                )
                if order.store_id
                else False
            )

    @api.depends("schedule_id", "delivery_date", "late_approved")
    def _compute_cutoff(self):
        now = fields.Datetime.now()
        for order in self:
            cutoff = (
                order.schedule_id._get_cutoff_datetime(order.delivery_date)
                if order.schedule_id and order.delivery_date
                else False
            )
            order.cutoff_datetime = cutoff
            order.is_late = bool(cutoff and now > cutoff and not order.late_approved)

    # -- delivery days of the schedule ----------------------------------------
    def _delivery_day_error(self):
        """The message refusing a delivery date that is not a delivery day."""
        self.ensure_one()
        schedule = self.schedule_id
        proposed = schedule._get_proposed_delivery_date(self.delivery_date)
        return _(
            "Order %(order)s: %(date)s (%(weekday)s) is not a delivery day of"
            " %(schedule)s. The next delivery date is %(proposed)s (field"
            " Delivery Date).",
            order=self.name,
            date=format_date(self.env, self.delivery_date),
            weekday=format_date(self.env, self.delivery_date, date_format="EEEE"),
            schedule=schedule.display_name,
            proposed=format_date(self.env, proposed) if proposed else "-",
        )

    @api.constrains("delivery_date", "schedule_id")
    def _check_delivery_day(self):
        # boh_keep_delivery_date: loading past orders (demo, data migration).
        if self.env.context.get("boh_keep_delivery_date"):
            return
        for order in self:
            if (
                order.state == "cancel"
                or not order.schedule_id
                or not order.delivery_date
                or order.schedule_id._is_delivery_day(order.delivery_date)
            ):
                continue
            raise ValidationError(order._delivery_day_error())

    @api.onchange("delivery_date", "schedule_id")
    def _onchange_delivery_date_schedule(self):
        """Propose the next delivery day of the schedule."""
        if (
            self.state != "draft"
            or not self.schedule_id
            or not self.delivery_date
            or self.schedule_id._is_delivery_day(self.delivery_date)
        ):
            return None
        message = self._delivery_day_error()
        proposed = self.schedule_id._get_proposed_delivery_date(self.delivery_date)
        if proposed:
            self.delivery_date = proposed
        return {"warning": {"title": _("Not a delivery day"), "message": message}}

    # -- late approval ----------------------------------------------------------
    def _get_late_approvers(self):
        """The area managers who approve the late orders of the store."""
        self.ensure_one()
        # sudo: the users supervising the order's own store, read to assign
        # them the approval activity; store people may not read res.users groups.
        store = self.store_id.sudo()
        approvers = store.area_manager_id or store.supervisor_ids
        return approvers.filtered(
            lambda u: u.active and u.has_group(AREA_GROUP)
        ).with_env(self.env)

    def _check_late_approval_request(self):
        for order in self:
            if not order.is_late:
                raise UserError(
                    _(
                        "Order %(order)s: the cut-off of %(date)s has not passed;"
                        " submit it without a late approval.",
                        order=order.name,
                        date=format_date(self.env, order.delivery_date),
                    )
                )
            if order.late_approval_requested:
                raise UserError(
                    _(
                        "Order %(order)s: a late approval is already requested.",
                        order=order.name,
                    )
                )
            if not order._get_late_approvers():
                raise UserError(
                    _(
                        "Order %(order)s: store %(store)s has no area manager to"
                        " approve a late order (field Area Manager of the store).",
                        order=order.name,
                        store=order.store_id.display_name,
                    )
                )

    def _check_late_step(self, group, action, reason):
        """Check the role, the state and the reason of a late approval step
        (``action``: late_request or late_refuse); return the reason."""
        self._check_group(group, action)
        self._check_state(("draft",), action)
        self.check_access("write")
        reason = (reason or "").strip()
        if not reason:
            orders = ", ".join(self.mapped("name"))
            if action == "late_request":
                raise UserError(
                    _(
                        "Order %(orders)s: give the reason of the late order (field"
                        " Reason).",
                        orders=orders,
                    )
                )
            raise UserError(
                _(
                    "Order %(orders)s: give the reason of the refusal (field Reason).",
                    orders=orders,
                )
            )
        return reason

    def _request_late_approval(self, reason):
        """Ask the area manager to keep the delivery date past the cut-off."""
        reason = self._check_late_step(MANAGER_GROUP, "late_request", reason)
        self._check_late_approval_request()
        self._boh_workflow().write(
            {
                "late_approval_requested": True,
                "late_approval_reason": reason,
                "late_approval_requested_by_id": self.env.user.id,
                "late_approval_requested_date": fields.Datetime.now(),
                "late_approval_refusal_reason": False,
            }
        )
        for order in self:
            order.message_post(
                body=_(
                    "Late approval requested by %(user)s for the delivery of"
                    " %(date)s: %(reason)s",
                    user=self.env.user.name,
                    date=format_date(self.env, order.delivery_date),
                    reason=reason,
                )
            )
            for approver in order._get_late_approvers():
                order.activity_schedule(
                    LATE_ACTIVITY,
                    date_deadline=fields.Date.context_today(order),
                    summary=_("Approve the late order %(order)s", order=order.name),
                    note=_(
                        "%(user)s asks to keep the delivery of %(date)s although"
                        " the cut-off has passed: %(reason)s",
                        user=self.env.user.name,
                        date=format_date(self.env, order.delivery_date),
                        reason=reason,
                    ),
                    user_id=approver.id,
                )
        return True

    def _close_late_approval_activities(self, feedback):
        # sudo: closes the late-approval activities of these orders only, which
        # may be assigned to another area manager of the region.
        self.sudo().activity_feedback([LATE_ACTIVITY], feedback=feedback)

    def _refuse_late_approval(self, reason):
        """The area manager refuses: the order keeps waiting as a draft and
        moves to the next delivery date when it is submitted."""
        reason = self._check_late_step(AREA_GROUP, "late_refuse", reason)
        for order in self:
            if not order.late_approval_requested:
                raise UserError(
                    _(
                        "Order %(order)s: no late approval is requested.",
                        order=order.name,
                    )
                )
        requesters = {o.id: o.late_approval_requested_by_id for o in self}
        self._boh_workflow().write(
            {
                "late_approval_requested": False,
                "late_approval_refusal_reason": reason,
            }
        )
        feedback = _(
            "Refused by %(user)s: %(reason)s", user=self.env.user.name, reason=reason
        )
        self._close_late_approval_activities(feedback)
        for order in self:
            order.message_post(
                body=_(
                    "Late approval refused by %(user)s: %(reason)s. Submitting the"
                    " order moves it to the next delivery date.",
                    user=self.env.user.name,
                    reason=reason,
                )
            )
            requester = requesters[order.id]
            if requester:
                order.activity_schedule(
                    "mail.mail_activity_data_todo",
                    date_deadline=fields.Date.context_today(order),
                    summary=_("Late approval refused"),
                    note=feedback,
                    user_id=requester.id,
                )
        return True

    def action_submit_late(self):
        """The area manager approves: the order keeps its delivery date."""
        pending = self.filtered("late_approval_requested")
        res = super().action_submit_late()
        if pending:
            pending._boh_workflow().write({"late_approval_requested": False})
            pending._close_late_approval_activities(
                _("Approved by %(user)s.", user=self.env.user.name)
            )
        return res

    def _postpone_late(self, now):
        """Move a late order to the next delivery date whose cut-off is open;
        a pending late approval is withdrawn."""
        self.ensure_one()
        if self.late_approval_requested:
            self._boh_workflow().write({"late_approval_requested": False})
            self._close_late_approval_activities(
                _(
                    "Withdrawn: %(user)s submitted the order for the next delivery"
                    " date.",
                    user=self.env.user.name,
                )
            )
        new_date = self.schedule_id._get_next_orderable_delivery_date(now)
        if not new_date or new_date == self.delivery_date:
            return
        old_date = self.delivery_date
        self.delivery_date = new_date
        # Authored by who submitted, with or without an email address.
        self.message_post(
            body=_(
                "Submitted after the cut-off of %(old)s: moved to the next delivery"
                " date %(new)s.",
                old=old_date,
                new=new_date,
            ),
        )

    def _open_late_approval_wizard(self, mode, title):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": title,
            "res_model": "boh.late.approval.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_order_id": self.id, "default_mode": mode},
        }

    def action_open_late_approval_request(self):
        self._check_group(MANAGER_GROUP, "late_request")
        self._check_state(("draft",), "late_request")
        self._check_late_approval_request()
        return self._open_late_approval_wizard("request", _("Request Late Approval"))

    def action_open_late_approval_refuse(self):
        self._check_group(AREA_GROUP, "late_refuse")
        return self._open_late_approval_wizard("refuse", _("Refuse Late Approval"))
