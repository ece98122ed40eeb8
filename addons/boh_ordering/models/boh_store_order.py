import logging
from collections import defaultdict
from datetime import datetime, time

from psycopg2 import OperationalError
from psycopg2 import errors as pg_errors

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import float_compare, mute_logger

from odoo.addons.queue_job.job import identity_exact

from .procurement_group import bulk_procurement

_logger = logging.getLogger(__name__)

ORDER_STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("approved", "Approved"),
    ("fulfilling", "Fulfilling"),
    ("received", "Received"),
    ("closed", "Closed"),
    ("cancel", "Cancelled"),
]

SOURCE_TYPES = [
    ("central_warehouse", "Central Warehouse"),
    ("central_kitchen", "Central Kitchen"),
    ("supplier", "Supplier"),
]

MANAGER_GROUP = "boh_base.group_boh_store_manager"
AREA_GROUP = "boh_base.group_boh_area_manager"


class BohStoreOrder(models.Model):
    """What a store orders from one source for one delivery date."""

    _name = "boh.store.order"
    _description = "BOH Store Order"
    _inherit = ["mail.thread", "mail.activity.mixin", "boh.guard.mixin"]
    _order = "delivery_date desc, id desc"
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

    name = fields.Char(
        string="Reference", required=True, copy=False, readonly=True, default="/"
    )
    store_id = fields.Many2one(
        "boh.store",
        required=True,
        index=True,
        tracking=True,
        domain="[('store_type', '=', 'store')]",
        default=lambda self: self.env["boh.store"]._get_user_stores()[:1],
    )
    source_type = fields.Selection(
        SOURCE_TYPES, required=True, default="central_warehouse", tracking=True
    )
    source_store_id = fields.Many2one(
        "boh.store",
        string="Source Site",
        index=True,
        tracking=True,
        domain="[('store_type', 'in', ('warehouse', 'kitchen'))]",
        help="Central warehouse or central kitchen that supplies the order.",
    )
    partner_id = fields.Many2one(
        "res.partner", string="Supplier", index=True, tracking=True
    )
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
    company_id = fields.Many2one(
        "res.company",
        related="store_id.company_id",
        store=True,
        index=True,
        readonly=True,
    )
    currency_id = fields.Many2one(
        "res.currency", related="company_id.currency_id", readonly=True
    )
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
    guide_id = fields.Many2one(
        "boh.order.guide",
        compute="_compute_guide_id",
        store=True,
        readonly=False,
        precompute=True,
        domain="[('store_ids', 'in', store_id)]",
    )
    tolerance_pct = fields.Float(
        compute="_compute_tolerance_pct", string="Override Tolerance (%)"
    )
    schedule_id = fields.Many2one(
        "boh.order.schedule", compute="_compute_schedule_id", store=True
    )
    cutoff_datetime = fields.Datetime(
        string="Cut-off", compute="_compute_cutoff", help="Shown in your timezone."
    )
    is_late = fields.Boolean(compute="_compute_cutoff")
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
    picking_ids = fields.Many2many("stock.picking", compute="_compute_fulfilment")
    purchase_ids = fields.Many2many("purchase.order", compute="_compute_fulfilment")
    production_ids = fields.Many2many("mrp.production", compute="_compute_fulfilment")
    picking_count = fields.Integer(compute="_compute_fulfilment")
    purchase_count = fields.Integer(compute="_compute_fulfilment")
    production_count = fields.Integer(compute="_compute_fulfilment")
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

    @api.depends("store_id")
    def _compute_guide_id(self):
        Guide = self.env["boh.order.guide"]
        for order in self:
            if order.store_id and order.store_id not in order.guide_id.store_ids:
                order.guide_id = Guide._get_store_guide(order.store_id)

    @api.depends("guide_id.tolerance_pct")
    def _compute_tolerance_pct(self):
        for order in self:
            order.tolerance_pct = (
                order.guide_id.tolerance_pct if order.guide_id else 10.0
            )

    @api.onchange("store_id", "source_type", "guide_id")
    def _onchange_source_from_guide(self):
        """Propose the source of the guide's lines of the chosen source type."""
        for order in self:
            if order.source_type == "supplier" or not order.guide_id:
                continue
            sources = order.guide_id.line_ids.filtered(
                lambda gl, o=order: gl.source_type == o.source_type
            ).source_store_id
            if sources and order.source_store_id not in sources:
                order.source_store_id = sources[:1]

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

    @api.depends("line_ids.deviation_pct")
    def _compute_deviation_pct(self):
        for order in self:
            order.deviation_pct = max(order.line_ids.mapped("deviation_pct") or [0.0])

    @api.depends("procurement_group_id", "state", "line_ids")
    def _compute_fulfilment(self):
        # sudo: store people see which documents fulfil their own order, even
        # without stock, purchase or manufacturing rights.
        env = self.sudo().env
        groups = self.sudo().procurement_group_id
        pickings = env["stock.picking"].search([("group_id", "in", groups.ids)])
        po_lines = env["purchase.order.line"].search(
            [("boh_order_line_id", "in", self.line_ids.ids)]
        )
        productions = env["mrp.production"].search(
            [
                "|",
                ("procurement_group_id", "in", groups.ids),
                ("move_finished_ids.move_dest_ids.group_id", "in", groups.ids),
            ]
        )
        for order in self:
            group = order.sudo().procurement_group_id
            order.picking_ids = pickings.filtered(
                lambda p, g=group: g and p.group_id == g
            )
            order.purchase_ids = po_lines.filtered(
                lambda pol, o=order: pol.boh_order_line_id.order_id == o
            ).order_id
            order.production_ids = productions.filtered(
                lambda mo, g=group: (
                    g
                    and (
                        mo.procurement_group_id == g
                        or g in mo.move_finished_ids.move_dest_ids.group_id
                    )
                )
            )
            order.picking_count = len(order.picking_ids)
            order.purchase_count = len(order.purchase_ids)
            order.production_count = len(order.production_ids)

    @api.depends("store_id", "delivery_date", "amount_total")
    def _compute_budget(self):
        Budget = self.env["boh.store.budget"]
        for order in self:
            budget = Budget._find(order.store_id, order.delivery_date)
            order.budget_id = budget
            order.budget_amount = budget.amount
            consumed = budget._get_consumed(exclude=order) if budget else 0.0
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
        orders = self.search([("state", "not in", ("cancel",))]).filtered("over_budget")
        positive = (operator == "=") == value
        return [("id", "in" if positive else "not in", orders.ids)]

    # -- ORM -----------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        self._check_unique_open([(self.browse(), vals) for vals in vals_list])
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"].next_by_code("boh.store.order") or "/"
                )
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

    @api.constrains("source_type", "source_store_id", "partner_id")
    def _check_source(self):
        # sudo: store people may not read the central sites (boh_base rules);
        # only their type and name are checked here.
        for order in self.sudo():
            if order.source_type == "supplier" and not order.partner_id:
                raise ValidationError(
                    _(
                        "Order %(order)s: a supplier order needs a supplier"
                        " (field Supplier).",
                        order=order.name,
                    )
                )
            if order.source_type != "supplier" and not order.source_store_id:
                raise ValidationError(
                    _(
                        "Order %(order)s: choose the central site that supplies it"
                        " (field Source Site).",
                        order=order.name,
                    )
                )
            if order.source_type == "central_warehouse" and (
                order.source_store_id.store_type != "warehouse"
            ):
                raise ValidationError(
                    _(
                        "Order %(order)s: %(site)s is not a central warehouse"
                        " (field Source Site).",
                        order=order.name,
                        site=order.source_store_id.display_name,
                    )
                )
            if order.source_type == "central_kitchen" and (
                order.source_store_id.store_type != "kitchen"
            ):
                raise ValidationError(
                    _(
                        "Order %(order)s: %(site)s is not a central kitchen"
                        " (field Source Site).",
                        order=order.name,
                        site=order.source_store_id.display_name,
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

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        for order in self:
            if order.state not in ("draft", "cancel"):
                raise UserError(
                    _(
                        "Order %(order)s is not a draft: cancel it instead of"
                        " deleting it.",
                        order=order.name,
                    )
                )

    # -- helpers -------------------------------------------------------------
    def _check_group(self, xmlid, action):
        if not self.env.su and not self.env.user.has_group(xmlid):
            raise AccessError(
                _(
                    "You are not allowed to %(action)s store orders (%(orders)s).",
                    action=action,
                    orders=", ".join(self.mapped("name")),
                )
            )

    def _check_state(self, states, action):
        for order in self:
            if order.state not in states:
                raise UserError(
                    _(
                        "Order %(order)s is %(state)s: you cannot %(action)s it.",
                        order=order.name,
                        state=dict(ORDER_STATES)[order.state],
                        action=action,
                    )
                )

    def _get_guide_lines(self):
        """Guide lines of the order's guide that come from the order's source."""
        self.ensure_one()
        return self.guide_id.line_ids.filtered(
            lambda gl: (
                gl.source_type == self.source_type
                and (
                    gl.partner_id == self.partner_id
                    if self.source_type == "supplier"
                    else gl.source_store_id == self.source_store_id
                )
            )
        )

    # -- suggestions ---------------------------------------------------------
    def action_generate_from_guide(self):
        """Add the guide's products of this source and suggest quantities."""
        self._check_state(("draft",), _("generate lines of"))
        vals_list = []
        for order in self:
            if not order.guide_id:
                raise UserError(
                    _(
                        "Order %(order)s: store %(store)s has no order guide"
                        " (field Order Guide).",
                        order=order.name,
                        store=order.store_id.display_name,
                    )
                )
            present = set(order.line_ids.product_id.ids)
            guide_lines = order._get_guide_lines()
            prices = order._get_prices(guide_lines.product_id)
            for gline in guide_lines:
                if gline.product_id.id in present:
                    continue
                price = prices.get(gline.product_id.id, 0.0)
                vals_list.append(
                    {
                        "order_id": order.id,
                        "guide_line_id": gline.id,
                        "sequence": gline.sequence,
                        "product_id": gline.product_id.id,
                        "product_uom_id": gline.product_uom_id.id,
                        "pack_qty": gline.pack_qty,
                        "qty_par": gline.qty_par,
                        "price_unit": gline.product_id.uom_id._compute_price(
                            price, gline.product_uom_id
                        ),
                    }
                )
        # The guide's par levels are copied by the workflow only (qty_par).
        new_lines = self.env["boh.store.order.line"]._boh_workflow().create(vals_list)
        self.line_ids._refresh_suggestions(set_ordered=new_lines)
        return True

    def action_refresh_suggestions(self):
        self._check_state(("draft",), _("refresh the suggestions of"))
        self.line_ids._refresh_suggestions()
        return True

    def _get_prices(self, products):
        """Unit price per product (in the product's unit) for this source."""
        self.ensure_one()
        if self.source_type != "supplier":
            return {p.id: p.standard_price for p in products}
        prices = {}
        for product in products:
            seller = product._select_seller(
                partner_id=self.partner_id, quantity=None, date=self.delivery_date
            )
            prices[product.id] = (
                seller.product_uom._compute_price(seller.price, product.uom_id)
                if seller
                else product.standard_price
            )
        return prices

    # -- workflow ------------------------------------------------------------
    def action_submit(self):
        self._check_group(MANAGER_GROUP, _("submit"))
        self._check_state(("draft",), _("submit"))
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
        self._boh_workflow().write({"state": "submitted", "submitted_date": now})
        for order in self:
            if order.need_validation:
                order.request_validation()
        return True

    def _postpone_late(self, now):
        """Move a late order to the next delivery date whose cut-off is open."""
        self.ensure_one()
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

    def action_submit_late(self):
        """A manager keeps the delivery date of an order past its cut-off."""
        self._check_group(AREA_GROUP, _("approve late"))
        self._check_state(("draft",), _("submit"))
        self._boh_workflow().write({"late_approved": True})
        # Authored by the manager, with or without an email address.
        self.message_post(
            body=_("Late order accepted by %(user)s.", user=self.env.user.name),
        )
        return self.action_submit()

    def action_draft(self):
        self._check_group(MANAGER_GROUP, _("reset"))
        self._check_state(("submitted", "cancel"), _("reset to draft"))
        self._boh_workflow().write({"state": "draft"})
        return True

    def _lock_for_approval(self):
        """Lock the rows: a concurrent approval fails at once instead of waiting."""
        try:
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    "SELECT id FROM boh_store_order WHERE id IN %s FOR UPDATE NOWAIT",
                    [tuple(self.ids)],
                )
        except pg_errors.LockNotAvailable as exc:
            raise UserError(
                _(
                    "Orders %(orders)s are being approved by someone else: try"
                    " again in a moment.",
                    orders=", ".join(self.mapped("name")),
                )
            ) from exc
        self.invalidate_recordset(["state", "procurement_group_id"])

    def action_approve(self):
        """Approve submitted orders and run their procurements (once)."""
        self._check_group(MANAGER_GROUP, _("approve"))
        self.flush_recordset()
        self._lock_for_approval()
        done = self.filtered(lambda o: o.state in ("approved", "fulfilling"))
        todo = self - done
        todo._check_state(("submitted",), _("approve"))
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

    def _fulfil(self):
        """Run the procurements of approved orders and mark them fulfilling."""
        # sudo: store managers have no stock/purchase/manufacturing rights; the
        # order is locked, checked as approved by the tiers, and the
        # procurements only bring its own lines to its own store.
        self.sudo()._run_procurements()
        self._boh_workflow().write({"state": "fulfilling", "fulfilment_error": False})

    @api.model
    def _async_approval_threshold(self):
        """Above this number of orders, approval fulfils them in background jobs.

        The context key ``boh_fulfil_in_background`` sends any approval to
        the background (imports, integrations, the demo).
        """
        if self.env.context.get("boh_fulfil_in_background"):
            return -1
        return int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("boh_ordering.async_approval_threshold", 20)
        )

    def _fulfilment_chunks(self):
        """The orders split in chunks of whole stores.

        Purchase orders are grouped per supplier, store and delivery date, so
        two chunks holding different stores never compete for the same one.
        """
        size = int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("boh_ordering.async_approval_chunk_size", 20)
        )
        by_store = defaultdict(list)
        for order in self:
            by_store[order.store_id.id].append(order.id)
        chunks, current = [], []
        for ids in by_store.values():
            if current and len(current) + len(ids) > size:
                chunks.append(current)
                current = []
            current += ids
        if current:
            chunks.append(current)
        return [self.browse(ids) for ids in chunks]

    def _enqueue_fulfilment(self):
        """One queue job per chunk of stores; the same chunk is never queued twice."""
        for chunk in self._fulfilment_chunks():
            chunk.with_delay(
                identity_key=identity_exact,
                channel="root.boh_ordering",
                description=_(
                    "Fulfil store orders of %(stores)s (%(count)s orders)",
                    stores=", ".join(chunk.store_id.mapped("code")),
                    count=len(chunk),
                ),
            )._job_fulfil()

    def _job_fulfil(self):
        """queue_job entry point: fulfil a chunk of approved orders.

        When the chunk fails, each order is fulfilled on its own, so that only
        the orders in error stay approved, with the error on the order.
        """
        self.env.cr.execute(
            "SELECT id FROM boh_store_order WHERE id IN %s FOR UPDATE",
            [tuple(self.ids)],
        )
        self.invalidate_recordset(["state", "procurement_group_id"])
        todo = self.filtered(lambda o: o.state == "approved")
        if not todo:
            return _("Nothing to fulfil.")
        try:
            with self.env.cr.savepoint():
                todo._fulfil()
            return _("%(count)s orders fulfilled.", count=len(todo))
        except OperationalError:
            raise  # concurrency: queue_job retries the job
        except Exception:  # noqa: BLE001 - retried order by order below
            _logger.info("Fulfilling %s orders at once failed", len(todo))
        failed = self.browse()
        for order in todo:
            try:
                with self.env.cr.savepoint():
                    order._fulfil()
            except OperationalError:
                raise
            except Exception as exc:  # noqa: BLE001 - recorded on the order
                error = exc.args[0] if exc.args else repr(exc)
                failed |= order
                order._boh_workflow().fulfilment_error = error
                # A system note: the approver who queued the job may have
                # no email address to author it.
                order.message_post(
                    body=_("Fulfilment failed: %(error)s", error=error),
                    author_id=self.env.ref("base.partner_root").id,
                )
        return _(
            "%(done)s orders fulfilled, %(failed)s failed: %(orders)s",
            done=len(todo - failed),
            failed=len(failed),
            orders=", ".join(failed.mapped("name")),
        )

    def action_retry_fulfilment(self):
        """Fulfil again approved orders whose fulfilment failed."""
        self._check_group(MANAGER_GROUP, _("fulfil"))
        self.flush_recordset()
        self._lock_for_approval()
        self._check_state(("approved",), _("fulfil"))
        self._fulfil()
        return True

    def action_mark_received(self):
        self._check_group(MANAGER_GROUP, _("receive"))
        self._check_state(("fulfilling", "approved"), _("mark as received"))
        self._boh_workflow().write({"state": "received"})
        return True

    def action_close(self):
        self._check_group(MANAGER_GROUP, _("close"))
        self._check_state(("received",), _("close"))
        self._boh_workflow().write({"state": "closed"})
        return True

    def action_cancel(self):
        self._check_state(("draft", "submitted", "approved", "fulfilling"), _("cancel"))
        started = self.filtered(lambda o: o.state in ("approved", "fulfilling"))
        if started:
            started._check_group(AREA_GROUP, _("cancel approved"))
            # sudo: cancels the open transfers of these orders only.
            started.sudo().picking_ids.filtered(
                lambda p: p.state not in ("done", "cancel")
            ).action_cancel()
        self._boh_workflow().write({"state": "cancel"})
        return True

    # -- fulfilment ----------------------------------------------------------
    def _get_source_route(self):
        """The route that brings this order's goods to the store."""
        self.ensure_one()
        if self.source_type == "supplier":
            route = self.env.ref("purchase_stock.route_warehouse0_buy", False)
        else:
            route = self.env["stock.route"].search(
                [
                    ("supplied_wh_id", "=", self.store_id.warehouse_id.id),
                    ("supplier_wh_id", "=", self.source_store_id.warehouse_id.id),
                ],
                limit=1,
            )
        if not route:
            raise UserError(
                _(
                    "Order %(order)s: store %(store)s is not resupplied from"
                    " %(site)s. Set it in Resupply From of the store's warehouse.",
                    order=self.name,
                    store=self.store_id.display_name,
                    site=self.source_store_id.display_name or self.partner_id.name,
                )
            )
        return route

    def _prepare_procurement_group_values(self):
        self.ensure_one()
        return {
            "name": self.name,
            "move_type": "direct",
            "partner_id": self.partner_id.id
            or self.store_id.warehouse_id.partner_id.id
            or False,
        }

    def _run_procurements(self):
        """One procurement per line; the routes decide what is created."""
        Procurement = self.env["procurement.group"].Procurement
        missing = self.filtered(lambda o: not o.procurement_group_id)
        groups = self.env["procurement.group"].create(
            [o._prepare_procurement_group_values() for o in missing]
        )
        for order, group in zip(missing, groups, strict=True):
            order._boh_workflow().procurement_group_id = group
        procurements = []
        for order in self:
            route = order._get_source_route()
            planned = datetime.combine(order.delivery_date, time(8, 0))
            for line in order.line_ids:
                if float_compare(line.qty_ordered, 0.0, precision_digits=6) <= 0:
                    continue
                qty, values = line._prepare_procurement_values(route, planned)
                procurements.append(
                    Procurement(
                        line.product_id,
                        qty,
                        line.product_uom_id,
                        order.store_id.lot_stock_id,
                        line.product_id.display_name,
                        order.name,
                        order.company_id,
                        values,
                    )
                )
        if procurements:
            try:
                with bulk_procurement(self.env) as env:
                    env["procurement.group"].run(procurements)
                    kitchen = self.filtered(
                        lambda o: o.source_type == "central_kitchen"
                    )
                    kitchen_procurements = kitchen._prepare_kitchen_procurements()
                    if kitchen_procurements:
                        env["procurement.group"].run(kitchen_procurements)
                    # Stored computed fields of the new records (analytic
                    # distribution of purchase lines...) with the run's caches.
                    env.flush_all()
            except UserError as exc:
                raise UserError(
                    _(
                        "Orders %(orders)s could not be fulfilled: %(error)s",
                        orders=", ".join(self.mapped("name")),
                        error=exc.args[0],
                    )
                ) from exc
        self.line_ids._update_qty_to_ship(notify=True)

    def _prepare_kitchen_procurements(self):
        """The central kitchen cooks what its stores ordered.

        For each line of a central kitchen order whose product has a bill of
        materials at the kitchen, one procurement on the kitchen's Manufacture
        route; the manufacturing order feeds the kitchen's delivery to the
        store (its finished move is the origin of that delivery's move).
        """
        Procurement = self.env["procurement.group"].Procurement
        Bom = self.env["mrp.bom"]
        procurements = []
        for order in self:
            kitchen_wh = order.source_store_id.warehouse_id
            route = kitchen_wh.manufacture_pull_id.route_id
            if not route:
                continue
            boms = Bom._bom_find(
                order.line_ids.product_id,
                picking_type=kitchen_wh.manu_type_id,
                company_id=order.company_id.id,
                bom_type="normal",
            )
            planned = datetime.combine(order.delivery_date, time(8, 0))
            kitchen_view = kitchen_wh.view_location_id
            for line in order.line_ids:
                if not boms.get(line.product_id):
                    continue
                out_moves = line.move_ids.filtered(
                    lambda m, v=kitchen_view: (
                        m.state not in ("done", "cancel")
                        and m.location_id._child_of(v)
                        and not m.location_dest_id._child_of(v)
                    )
                )
                qty = sum(
                    m.product_uom._compute_quantity(
                        m.product_uom_qty, line.product_uom_id, round=False
                    )
                    for m in out_moves
                )
                if not out_moves or float_compare(qty, 0.0, precision_digits=6) <= 0:
                    continue
                procurements.append(
                    Procurement(
                        line.product_id,
                        qty,
                        line.product_uom_id,
                        kitchen_wh.lot_stock_id,
                        line.product_id.display_name,
                        order.name,
                        order.company_id,
                        {
                            "group_id": order.procurement_group_id,
                            "date_planned": planned,
                            "date_deadline": planned,
                            "warehouse_id": kitchen_wh,
                            "route_ids": route,
                            "company_id": order.company_id,
                            "move_dest_ids": out_moves,
                            "boh_order_line_id": line.id,
                        },
                    )
                )
        return procurements

    # -- smart buttons -------------------------------------------------------
    def _action_view(self, records, xmlid):
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = [("id", "in", records.ids)]
        action["context"] = {}
        if len(records) == 1:
            action["views"] = [(False, "form")]
            action["res_id"] = records.id
        return action

    def action_view_pickings(self):
        return self._action_view(self.picking_ids, "stock.action_picking_tree_all")

    def action_view_purchases(self):
        return self._action_view(self.purchase_ids, "purchase.purchase_form_action")

    def action_view_productions(self):
        return self._action_view(self.production_ids, "mrp.mrp_production_action")

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
