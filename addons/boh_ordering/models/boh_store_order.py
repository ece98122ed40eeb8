from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import float_compare

from .boh_store_order_messages import GROUP_ERRORS, STATE_ERRORS

ORDER_STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("approved", "Approved"),
    ("fulfilling", "Fulfilling"),
    ("received", "Received"),
    ("closed", "Closed"),
    ("cancel", "Cancelled"),
]

MANAGER_GROUP = "boh_base.group_boh_store_manager"
AREA_GROUP = "boh_base.group_boh_area_manager"


class BohStoreOrder(models.Model):
    """What a store orders from one source for one delivery date."""

    _name = "boh.store.order"
    _description = "BOH Store Order"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "boh.store.document.mixin",
        "boh.order.source.mixin",
        "boh.store.order.fulfilment",
        "boh.guard.mixin",
    ]
    _order = "delivery_date desc, id desc"
    _boh_sequence_code = "boh.store.order"
    _boh_state_errors = STATE_ERRORS
    # Set by the buttons (submit, approve, fulfil, receive...), which check
    # the role first; never written directly.
    _boh_workflow_fields = frozenset(
        {
            "state",
            "submitted_date",
            "approved_by_id",
            "approved_date",
            "late_approved",
            "fulfilment_error",
            "procurement_group_id",
            # late approval (boh_store_order_late.py)
            "late_approval_requested",
            "late_approval_reason",
            "late_approval_requested_by_id",
            "late_approval_requested_date",
            "late_approval_refusal_reason",
        }
    )
    _boh_create_only_fields = frozenset({"store_id"})
    # What is ordered from where and for when: fixed once submitted.
    _SUBMITTED_FIXED_FIELDS = (
        "source_type",
        "source_store_id",
        "partner_id",
        "delivery_date",
    )

    source_type = fields.Selection(tracking=True)
    source_store_id = fields.Many2one(
        index=True,
        tracking=True,
        help="Central warehouse or central kitchen that supplies the order.",
    )
    partner_id = fields.Many2one(index=True, tracking=True)
    delivery_date = fields.Date(required=True, index=True, tracking=True)
    state = fields.Selection(
        ORDER_STATES,
        default="draft",
        required=True,
        index=True,
        tracking=True,
        copy=False,
    )
    line_ids = fields.One2many("boh.store.order.line", "order_id", copy=True)
    fulfilment_error = fields.Text(
        readonly=True,
        copy=False,
        help="Why the procurements of this approved order could not be run.",
    )
    line_count = fields.Integer(compute="_compute_line_count")
    amount_total = fields.Monetary(
        compute="_compute_amount_total", store=True, tracking=True
    )
    user_id = fields.Many2one(
        "res.users",
        string="Ordered By",
        default=lambda self: self.env.user,
        tracking=True,
    )
    note = fields.Text()
    late_approved = fields.Boolean(
        string="Late Order Approved", copy=False, readonly=True, tracking=True
    )
    submitted_date = fields.Datetime(copy=False, readonly=True)
    approved_by_id = fields.Many2one("res.users", copy=False, readonly=True)
    approved_date = fields.Datetime(copy=False, readonly=True)
    deviation_pct = fields.Float(
        string="Max Deviation (%)",
        compute="_compute_deviation_pct",
        store=True,
        help="Largest difference between an ordered and a suggested quantity.",
    )
    procurement_group_id = fields.Many2one(
        "procurement.group", copy=False, readonly=True, index=True
    )
    budget_id = fields.Many2one("boh.store.budget", compute="_compute_budget")
    budget_amount = fields.Monetary(compute="_compute_budget")
    budget_consumed = fields.Monetary(
        compute="_compute_budget",
        help="Orders of the budget period, this one included.",
    )
    budget_remaining = fields.Monetary(compute="_compute_budget")
    over_budget = fields.Boolean(
        compute="_compute_budget", search="_search_over_budget"
    )

    _sql_constraints = [
        (
            "name_uniq",
            "unique(name, company_id)",
            "The reference of a store order must be unique.",
        )
    ]

    def init(self):
        # One open order per store, source and delivery date.
        self.env.cr.execute(
            """
            CREATE UNIQUE INDEX IF NOT EXISTS boh_store_order_unique_open
                ON boh_store_order (
                    store_id, source_type, COALESCE(source_store_id, 0),
                    COALESCE(partner_id, 0), delivery_date
                ) WHERE state != 'cancel'
            """
        )

    # -- computes ------------------------------------------------------------
    @api.depends("line_ids.price_subtotal")
    def _compute_amount_total(self):
        for order in self:
            order.amount_total = sum(order.line_ids.mapped("price_subtotal"))

    @api.depends("line_ids")
    def _compute_line_count(self):
        for order in self:
            order.line_count = len(order.line_ids)

    @api.depends("line_ids.deviation_pct")
    def _compute_deviation_pct(self):
        for order in self:
            order.deviation_pct = max(order.line_ids.mapped("deviation_pct") or [0.0])

    @api.depends("store_id", "delivery_date", "amount_total")
    def _compute_budget(self):
        budgets = self.env["boh.store.budget"]._get_order_budgets(self)
        for order in self:
            budget, consumed = budgets[order]
            order.budget_id = budget
            order.budget_amount = budget.amount
            order.budget_consumed = consumed + order.amount_total if budget else 0.0
            order.budget_remaining = budget.amount - order.budget_consumed
            order.over_budget = bool(
                budget
                and float_compare(
                    order.budget_consumed,
                    budget.amount,
                    precision_rounding=order.currency_id.rounding or 0.01,
                )
                > 0
            )

    def _search_over_budget(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on Over Budget."))
        domain = self.env["boh.store.budget"]._get_over_budget_domain()
        if (operator == "=") == value:
            return domain
        return ["!", *domain]

    # -- ORM -----------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        self._check_unique_open([(self.browse(), vals) for vals in vals_list])
        orders = super().create(vals_list)
        orders._check_store_active()
        return orders

    def write(self, vals):
        if not self._boh_guard_lifted():
            self._check_submitted_fixed(vals)
        if set(self._UNIQUE_KEYS).intersection(vals) or vals.get("state") == "draft":
            self._check_unique_open([(order, vals) for order in self])
        res = super().write(vals)
        if "store_id" in vals:
            self._check_store_active()
        return res

    def _check_submitted_fixed(self, vals):
        """The source and the delivery date of a submitted order are the ones
        that were reviewed and approved: they change only as a draft."""
        fnames = [f for f in self._SUBMITTED_FIXED_FIELDS if f in vals]
        if not fnames:
            return
        for order in self.filtered(lambda o: o.state != "draft"):
            changed = []
            for fname in fnames:
                if order._boh_changed_by(fname, vals[fname]):
                    changed.append(self._fields[fname]._description_string(self.env))
            if changed:
                raise UserError(
                    _(
                        "Order %(order)s is %(state)s: its %(fields)s can only"
                        " change while it is a draft.",
                        order=order.name,
                        state=dict(
                            self._fields["state"]._description_selection(self.env)
                        )[order.state],
                        fields=", ".join(sorted(changed)),
                    )
                )

    _UNIQUE_KEYS = (
        "store_id",
        "source_type",
        "source_store_id",
        "partner_id",
        "delivery_date",
    )

    def _check_unique_open(self, vals_list):
        """One open order per store, source and delivery date (checked before
        writing, so that the unique index never fires)."""
        for record, vals in vals_list:
            state = vals.get("state", record.state if record else "draft")
            if state == "cancel":
                continue
            ids = {}
            for key in self._UNIQUE_KEYS:
                value = vals[key] if key in vals else (record[key] if record else False)
                if isinstance(value, models.BaseModel):
                    value = value.id
                ids[key] = value or False
            domain = [
                ("state", "!=", "cancel"),
                ("store_id", "=", ids["store_id"]),
                ("source_type", "=", ids["source_type"] or "central_warehouse"),
                ("source_store_id", "=", ids["source_store_id"]),
                ("partner_id", "=", ids["partner_id"]),
                ("delivery_date", "=", ids["delivery_date"]),
            ]
            if record:
                domain.append(("id", "!=", record.id))
            # sudo: the duplicate may belong to a store the user cannot read;
            # only its reference is shown.
            duplicate = self.sudo().search(domain, limit=1)
            if duplicate:
                store = self.env["boh.store"].sudo().browse(ids["store_id"])
                raise ValidationError(
                    _(
                        "Store %(store)s already has order %(other)s from this source"
                        " for %(date)s: add the products there.",
                        store=store.display_name,
                        other=duplicate.name,
                        date=ids["delivery_date"],
                    )
                )

    def _check_store_active(self):
        for order in self:
            if not order.store_id.active:
                raise ValidationError(
                    _(
                        "Order %(order)s: store %(store)s is archived and cannot"
                        " order (field Store).",
                        order=order.name,
                        store=order.store_id.display_name,
                    )
                )

    # -- helpers -------------------------------------------------------------
    def _boh_record_label(self):
        self.ensure_one()
        return _("Order %(order)s", order=self.name)

    def _check_group(self, xmlid, action):
        """Refuse ``action`` (a key of GROUP_ERRORS) to users without ``xmlid``."""
        if not self.env.su and not self.env.user.has_group(xmlid):
            raise AccessError(
                GROUP_ERRORS[action](self.env, orders=", ".join(self.mapped("name")))
            )

    # -- workflow ------------------------------------------------------------
    def action_submit(self):
        self._check_group(MANAGER_GROUP, "submit")
        self._check_state(("draft",), "submit")
        now = fields.Datetime.now()
        for order in self:
            order._check_store_active()
            if not order.line_ids:
                raise UserError(
                    _("Order %(order)s has no lines to submit.", order=order.name)
                )
            order.line_ids._check_before_submit()
            # boh_keep_delivery_date: loading past orders (demo, data migration).
            if order.is_late and not self.env.context.get("boh_keep_delivery_date"):
                order._postpone_late(now)
            order.line_ids._check_supplier_price()
        self._boh_workflow().write({"state": "submitted", "submitted_date": now})
        for order in self:
            if order.need_validation:
                order.request_validation()
        return True

    def action_submit_late(self):
        """A manager keeps the delivery date of an order past its cut-off."""
        self._check_group(AREA_GROUP, "submit_late")
        self._check_state(("draft",), "submit")
        self._boh_workflow().write({"late_approved": True})
        # Authored by the manager, with or without an email address.
        self.message_post(
            body=_("Late order accepted by %(user)s.", user=self.env.user.name),
        )
        return self.action_submit()

    def action_draft(self):
        self._check_group(MANAGER_GROUP, "draft")
        self._check_state(("submitted", "cancel"), "draft")
        self._boh_workflow().write({"state": "draft"})
        return True

    def action_approve(self):
        """Approve submitted orders and run their procurements (once)."""
        self._check_group(MANAGER_GROUP, "approve")
        self.flush_recordset()
        self._lock_for_approval()
        done = self.filtered(lambda o: o.state in ("approved", "fulfilling"))
        todo = self - done
        todo._check_state(("submitted",), "approve")
        if not todo:
            if done:
                raise UserError(
                    _(
                        "Orders %(orders)s are already approved.",
                        orders=", ".join(done.mapped("name")),
                    )
                )
            return True
        for order in todo:
            if order.review_ids and order.can_review:
                order.validate_tier()
        now = fields.Datetime.now()
        todo._boh_workflow().write(
            {
                "state": "approved",
                "approved_by_id": self.env.user.id,
                "approved_date": now,
            }
        )
        if len(todo) > self._async_approval_threshold():
            todo._enqueue_fulfilment()
        else:
            todo._fulfil()
        return True

    def action_retry_fulfilment(self):
        """Fulfil again approved orders whose fulfilment failed."""
        self._check_group(MANAGER_GROUP, "fulfil")
        self.flush_recordset()
        self._lock_for_approval()
        self._check_state(("approved",), "fulfil")
        self._fulfil()
        return True

    def action_mark_received(self):
        self._check_group(MANAGER_GROUP, "receive")
        self._check_state(("fulfilling", "approved"), "receive")
        self._boh_workflow().write({"state": "received"})
        return True

    def action_close(self):
        self._check_group(MANAGER_GROUP, "close")
        self._check_state(("received",), "close")
        self._boh_workflow().write({"state": "closed"})
        return True

    def action_cancel(self):
        self._check_state(("draft", "submitted", "approved", "fulfilling"), "cancel")
        started = self.filtered(lambda o: o.state in ("approved", "fulfilling"))
        if started:
            started._check_group(AREA_GROUP, "cancel")
            # sudo: cancels the open transfers of these orders only.
            started.sudo().picking_ids.filtered(
                lambda p: p.state not in ("done", "cancel")
            ).action_cancel()
        self._boh_workflow().write({"state": "cancel"})
        return True

    # -- smart buttons -------------------------------------------------------
    def action_open_quick_entry(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "boh_ordering.boh_store_order_line_action_quick"
        )
        action["domain"] = [("order_id", "=", self.id)]
        action["context"] = {"default_order_id": self.id}
        action["name"] = _("Quick Entry: %(order)s", order=self.name)
        return action

    def action_export_xlsx(self):
        return self.env.ref(
            "boh_ordering.action_report_store_order_xlsx"
        ).report_action(self)

    def _group_lines_by_source(self):
        result = defaultdict(lambda: self.env["boh.store.order.line"])
        for line in self.line_ids:
            result[line.order_id.source_store_id] |= line
        return result
