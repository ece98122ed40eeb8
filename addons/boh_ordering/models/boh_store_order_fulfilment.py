import logging
from collections import defaultdict
from datetime import datetime, time

from psycopg2 import OperationalError
from psycopg2 import errors as pg_errors

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare, mute_logger

from odoo.addons.queue_job.job import identity_exact

from .bulk_procurement import bulk_procurement

_logger = logging.getLogger(__name__)


class BohStoreOrderFulfilment(models.AbstractModel):
    """How an approved store order is fulfilled (inherited by boh.store.order).

    One procurement per line; the routes of the source decide what is made:
    a purchase order for a supplier, a transfer from a central warehouse or
    kitchen (with boh_ordering_mrp, the kitchen also makes what it has to
    deliver). Large approvals are fulfilled in background jobs, by chunks of
    whole stores.
    """

    _name = "boh.store.order.fulfilment"
    _description = "BOH Store Order Fulfilment"

    picking_ids = fields.Many2many("stock.picking", compute="_compute_fulfilment")
    purchase_ids = fields.Many2many("purchase.order", compute="_compute_fulfilment")
    picking_count = fields.Integer(compute="_compute_fulfilment")
    purchase_count = fields.Integer(compute="_compute_fulfilment")

    @api.depends("procurement_group_id", "state", "line_ids")
    def _compute_fulfilment(self):
        # sudo: store people see which documents fulfil their own order, even
        # without stock or purchase rights.
        env = self.sudo().env
        groups = self.sudo().procurement_group_id
        pickings = env["stock.picking"].search([("group_id", "in", groups.ids)])
        po_lines = env["purchase.order.line"].search(
            [("boh_order_line_id", "in", self.line_ids.ids)]
        )
        for order in self:
            group = order.sudo().procurement_group_id
            order.picking_ids = pickings.filtered(
                lambda p, g=group: g and p.group_id == g
            )
            order.purchase_ids = po_lines.filtered(
                lambda pol, o=order: pol.boh_order_line_id.order_id == o
            ).order_id
            order.picking_count = len(order.picking_ids)
            order.purchase_count = len(order.purchase_ids)

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

    def _boh_kitchen_route(self, kitchen_wh):
        """The route on which the central kitchen of ``kitchen_wh`` makes what
        its stores order. None here: the kitchen delivers from its stock (what
        it has already made), like a central warehouse; boh_ordering_mrp gives
        the kitchen's Manufacture route."""
        return self.env["stock.route"]

    def _boh_kitchen_made_products(self, kitchen_wh, products):
        """The ``products`` the kitchen of ``kitchen_wh`` makes on its route
        (:meth:`_boh_kitchen_route`) when a store orders them."""
        return self.env["product.product"]

    def _prepare_kitchen_procurements(self):
        """The central kitchen makes what its stores ordered.

        For each line of a central kitchen order whose product the kitchen
        makes (:meth:`_boh_kitchen_made_products`), one procurement on the
        kitchen's route (:meth:`_boh_kitchen_route`) that feeds the kitchen's
        delivery to the store (the delivery's move is its destination).
        Without such a route the delivery takes from the kitchen's stock.
        """
        Procurement = self.env["procurement.group"].Procurement
        procurements = []
        for order in self:
            kitchen_wh = order.source_store_id.warehouse_id
            route = order._boh_kitchen_route(kitchen_wh)
            if not route:
                continue
            made = order._boh_kitchen_made_products(
                kitchen_wh, order.line_ids.product_id
            )
            planned = datetime.combine(order.delivery_date, time(8, 0))
            kitchen_view = kitchen_wh.view_location_id
            for line in order.line_ids:
                if line.product_id not in made:
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
