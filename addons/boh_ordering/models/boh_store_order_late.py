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

    def _request_late_approval(self, reason):
        """Ask the area manager to keep the delivery date past the cut-off."""
        self._check_group(MANAGER_GROUP, _("request a late approval for"))
        self._check_state(("draft",), _("request a late approval for"))
        self.check_access("write")
        reason = (reason or "").strip()
        if not reason:
            raise UserError(
                _(
                    "Order %(orders)s: give the reason of the late order (field"
                    " Reason).",
                    orders=", ".join(self.mapped("name")),
                )
            )
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
        self._check_group(AREA_GROUP, _("refuse the late approval of"))
        self._check_state(("draft",), _("refuse the late approval of"))
        self.check_access("write")
        reason = (reason or "").strip()
        if not reason:
            raise UserError(
                _(
                    "Order %(orders)s: give the reason of the refusal (field Reason).",
                    orders=", ".join(self.mapped("name")),
                )
            )
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
        """Submitting moves the order: a pending late approval is withdrawn."""
        if self.late_approval_requested:
            self._boh_workflow().write({"late_approval_requested": False})
            self._close_late_approval_activities(
                _(
                    "Withdrawn: %(user)s submitted the order for the next delivery"
                    " date.",
                    user=self.env.user.name,
                )
            )
        return super()._postpone_late(now)

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
        self._check_group(MANAGER_GROUP, _("request a late approval for"))
        self._check_state(("draft",), _("request a late approval for"))
        self._check_late_approval_request()
        return self._open_late_approval_wizard("request", _("Request Late Approval"))

    def action_open_late_approval_refuse(self):
        self._check_group(AREA_GROUP, _("refuse the late approval of"))
        return self._open_late_approval_wizard("refuse", _("Refuse Late Approval"))
