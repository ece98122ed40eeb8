from datetime import datetime, time, timedelta

import pytz

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class BohOrderSchedule(models.Model):
    """When a store orders from a source and when the goods arrive.

    A delivery date D is orderable until the cut-off time (in the store's
    timezone) of the last order weekday on or before ``D - lead_time_days``.
    """

    _name = "boh.order.schedule"
    _description = "BOH Order Schedule"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "boh.order.source.mixin",
        "boh.guard.mixin",
    ]
    _order = "store_id, source_type, id"
    # Written by the cut-off reminder only.
    _boh_workflow_fields = frozenset({"last_reminder_date"})
    _boh_create_only_fields = frozenset({"store_id"})

    store_id = fields.Many2one(
        "boh.store",
        required=True,
        index=True,
        domain="[('store_type', '=', 'store')]",
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(related="store_id.company_id", store=True)
    tz = fields.Selection(related="store_id.tz")
    order_mon = fields.Boolean(string="Order Mon")
    order_tue = fields.Boolean(string="Order Tue")
    order_wed = fields.Boolean(string="Order Wed")
    order_thu = fields.Boolean(string="Order Thu")
    order_fri = fields.Boolean(string="Order Fri")
    order_sat = fields.Boolean(string="Order Sat")
    order_sun = fields.Boolean(string="Order Sun")
    delivery_mon = fields.Boolean(string="Delivery Mon")
    delivery_tue = fields.Boolean(string="Delivery Tue")
    delivery_wed = fields.Boolean(string="Delivery Wed")
    delivery_thu = fields.Boolean(string="Delivery Thu")
    delivery_fri = fields.Boolean(string="Delivery Fri")
    delivery_sat = fields.Boolean(string="Delivery Sat")
    delivery_sun = fields.Boolean(string="Delivery Sun")
    cutoff_time = fields.Float(
        string="Cut-off Time",
        default=14.0,
        help="Hour of the order day (store timezone) after which orders are late.",
    )
    lead_time_days = fields.Integer(
        string="Lead Time (days)",
        default=1,
        help="Days between the order day and the delivery day.",
    )
    reminder_hours = fields.Float(
        default=3.0,
        help="Hours before the cut-off when the store manager is reminded of a"
        " missing order.",
    )
    last_reminder_date = fields.Date(
        readonly=True, help="Delivery date of the last reminder sent."
    )
    next_delivery_date = fields.Date(compute="_compute_next_dates")
    next_order_date = fields.Date(compute="_compute_next_dates")
    next_cutoff = fields.Datetime(string="Next Cut-off", compute="_compute_next_dates")

    @api.depends_context("uid")
    @api.depends(
        *[f"order_{d}" for d in WEEKDAYS],
        *[f"delivery_{d}" for d in WEEKDAYS],
        "cutoff_time",
        "lead_time_days",
        "store_id.tz",
    )
    def _compute_next_dates(self):
        now = fields.Datetime.now()
        for schedule in self:
            delivery = schedule._get_next_orderable_delivery_date(now)
            schedule.next_delivery_date = delivery
            cutoff = delivery and schedule._get_cutoff_datetime(delivery)
            schedule.next_cutoff = cutoff
            schedule.next_order_date = delivery and schedule._get_order_date(delivery)

    @api.depends("store_id", "source_type", "source_store_id", "partner_id")
    def _compute_display_name(self):
        # sudo: the name of the central site, which store people may not read.
        for schedule, as_root in zip(self, self.sudo(), strict=True):
            source = (
                as_root.partner_id.name
                if as_root.source_type == "supplier"
                else as_root.source_store_id.display_name
            )
            store = as_root.store_id.display_name
            schedule.display_name = f"{store} / {source or ''}"

    def _boh_record_label(self):
        self.ensure_one()
        return _("Order schedule %(schedule)s", schedule=self.display_name)

    @api.constrains(
        "cutoff_time",
        "lead_time_days",
        "reminder_hours",
        *[f"delivery_{d}" for d in WEEKDAYS],
    )
    def _check_values(self):
        for schedule in self:
            if not 0 <= schedule.cutoff_time < 24:
                raise ValidationError(
                    _(
                        "Order schedule %(schedule)s: the cut-off time must be"
                        " between 00:00 and 23:59.",
                        schedule=schedule.display_name,
                    )
                )
            if schedule.lead_time_days < 0 or schedule.reminder_hours < 0:
                raise ValidationError(
                    _(
                        "Order schedule %(schedule)s: the lead time and the reminder"
                        " cannot be negative.",
                        schedule=schedule.display_name,
                    )
                )
            if not schedule._delivery_weekdays():
                raise ValidationError(
                    _(
                        "Order schedule %(schedule)s: tick at least one delivery"
                        " weekday.",
                        schedule=schedule.display_name,
                    )
                )

    # -- the dates (contract used by boh_forecast) --------------------------
    def _delivery_weekdays(self):
        self.ensure_one()
        return {i for i, day in enumerate(WEEKDAYS) if self[f"delivery_{day}"]}

    def _order_weekdays(self):
        self.ensure_one()
        return {i for i, day in enumerate(WEEKDAYS) if self[f"order_{day}"]}

    def _get_next_delivery_date(self, after):
        """First delivery date strictly after ``after`` (a date or datetime)."""
        self.ensure_one()
        if isinstance(after, datetime):
            after = after.date()
        days = self._delivery_weekdays()
        if not days:
            return False
        for offset in range(1, 8):
            candidate = after + timedelta(days=offset)
            if candidate.weekday() in days:
                return candidate
        return False

    def _is_delivery_day(self, day):
        """Whether the source delivers the store on ``day``."""
        self.ensure_one()
        return day.weekday() in self._delivery_weekdays()

    def _get_proposed_delivery_date(self, day, now=None):
        """The delivery date to propose instead of ``day``: the first delivery
        day on or after it whose cut-off has not passed at ``now``."""
        self.ensure_one()
        candidate = (
            day if self._is_delivery_day(day) else self._get_next_delivery_date(day)
        )
        orderable = self._get_next_orderable_delivery_date(now)
        if candidate and orderable and orderable > candidate:
            return orderable
        return candidate

    def _get_review_days(self, delivery_date):
        """Days the goods of ``delivery_date`` must last: until the next delivery."""
        self.ensure_one()
        following = self._get_next_delivery_date(delivery_date)
        return (following - delivery_date).days if following else 7

    def _get_order_date(self, delivery_date):
        """The day the order for ``delivery_date`` must be placed."""
        self.ensure_one()
        order_date = delivery_date - timedelta(days=self.lead_time_days)
        order_days = self._order_weekdays()
        if order_days:
            for _offset in range(7):
                if order_date.weekday() in order_days:
                    break
                order_date -= timedelta(days=1)
        return order_date

    def _get_cutoff_datetime(self, delivery_date):
        """Cut-off of ``delivery_date`` as a naive UTC datetime."""
        self.ensure_one()
        order_date = self._get_order_date(delivery_date)
        hours = int(self.cutoff_time)
        minutes = int(round((self.cutoff_time - hours) * 60))
        local = datetime.combine(order_date, time(hours, min(minutes, 59)))
        tz = pytz.timezone(self.store_id.tz or "UTC")
        return tz.localize(local).astimezone(pytz.utc).replace(tzinfo=None)

    def _get_next_orderable_delivery_date(self, now=None):
        """First delivery date whose cut-off has not passed at ``now`` (UTC)."""
        self.ensure_one()
        now = now or fields.Datetime.now()
        if not self._delivery_weekdays():
            return False
        candidate = now.date() - timedelta(days=1)
        for _i in range(60):
            candidate = self._get_next_delivery_date(candidate)
            if self._get_cutoff_datetime(candidate) >= now:
                return candidate
        return False

    @api.model
    def _find(self, store, source_type, source_store=None, partner=None):
        domain = [("store_id", "=", store.id), ("source_type", "=", source_type)]
        if source_type == "supplier":
            domain.append(("partner_id", "=", partner.id if partner else False))
        else:
            domain.append(
                ("source_store_id", "=", source_store.id if source_store else False)
            )
        return self.search(domain, limit=1)

    # -- reminders -----------------------------------------------------------
    @api.model
    def _cron_remind_cutoff(self):
        """Remind store managers whose order is not submitted before the cut-off."""
        now = fields.Datetime.now()
        Order = self.env["boh.store.order"]
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        for schedule in self.search([("store_id.active", "=", True)]):
            delivery = schedule._get_next_orderable_delivery_date(now)
            if not delivery or schedule.last_reminder_date == delivery:
                continue
            cutoff = schedule._get_cutoff_datetime(delivery)
            if cutoff - now > timedelta(hours=schedule.reminder_hours):
                continue
            submitted = Order.search_count(
                [
                    ("store_id", "=", schedule.store_id.id),
                    ("source_type", "=", schedule.source_type),
                    ("source_store_id", "=", schedule.source_store_id.id),
                    ("partner_id", "=", schedule.partner_id.id),
                    ("delivery_date", "=", delivery),
                    ("state", "not in", ("draft", "cancel")),
                ],
                limit=1,
            )
            schedule._boh_workflow().last_reminder_date = delivery
            manager = schedule.store_id.manager_id
            if submitted or not manager:
                continue
            schedule.activity_schedule(
                activity_type_id=activity_type.id,
                date_deadline=cutoff.date(),
                summary=_("Submit the order for %(date)s", date=delivery),
                note=_(
                    "No order of %(schedule)s is submitted for the delivery of"
                    " %(date)s; the cut-off is %(cutoff)s UTC.",
                    schedule=schedule.display_name,
                    date=delivery,
                    cutoff=cutoff,
                ),
                user_id=manager.id,
            )
