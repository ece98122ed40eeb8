import math
import time
from datetime import datetime, timedelta
from datetime import time as dt_time

from odoo import api, fields, models

SOURCE_OF = {"warehouse": "central_warehouse", "kitchen": "central_kitchen"}


class BohDemoLoader(models.AbstractModel):
    _inherit = "boh.demo.loader"

    @api.model
    def load_chain(self, chain=None, passwords=False, **params):
        result = super().load_chain(chain=chain, passwords=passwords, **params)
        started = time.perf_counter()
        self._load_ordering(result)
        result["timings"]["ordering"] = time.perf_counter() - started
        return result

    @api.model
    def load_ordering_demo(self):
        """Demo of boh_ordering: the demo chain's order guides, schedules and
        store orders (see ``_load_demo_part``)."""
        return self._load_demo_part(self._load_ordering)

    def _load_ordering(self, result):
        chain, sites = result["chain"], result["sites"]
        central = {
            s.site_type: sites[s.code]
            for s in chain.sites
            if s.site_type in ("warehouse", "kitchen")
        }
        stores = [(s, sites[s.code]) for s in chain.stores]
        Guide = self.env["boh.order.guide"]
        new_stores = [
            (spec, store) for spec, store in stores if not Guide._get_store_guide(store)
        ]
        if not new_stores:
            return
        # Resupply routes: every store is supplied by the central warehouse and kitchen.
        suppliers_wh = self.env["stock.warehouse"].browse(
            [site.warehouse_id.id for site in central.values()]
        )
        for _spec, store in new_stores:
            store.warehouse_id.resupply_wh_ids = [(4, wh.id) for wh in suppliers_wh]
        guide_vals, schedule_vals = [], []
        suppliers = result["suppliers"]
        for spec, store in new_stores:
            lines = []
            for index, product_spec in enumerate(chain.products):
                product = result["products"][product_spec.default_code]
                pack = float(product_spec.pack_size)
                daily = product_spec.base_rate * spec.size
                par = max(pack, math.ceil(daily * 4 / pack) * pack)
                vals = {
                    "sequence": index + 1,
                    "product_id": product.id,
                    "pack_qty": pack,
                    "qty_par": par,
                    "qty_min": math.ceil(daily),
                    "qty_max": par * 2,
                }
                if product_spec.source == "supplier":
                    vals["source_type"] = "supplier"
                    vals["partner_id"] = suppliers[product_spec.supplier_refs[0]].id
                else:
                    vals["source_type"] = SOURCE_OF[product_spec.source]
                    vals["source_store_id"] = central[product_spec.source].id
                lines.append((0, 0, vals))
            guide_vals.append(
                {
                    "name": f"{store.code} Order Guide",
                    "store_ids": [(6, 0, store.ids)],
                    "line_ids": lines,
                }
            )
            days = {"order_mon": True, "order_wed": True, "order_fri": True}
            schedule_vals.append(
                {
                    "store_id": store.id,
                    "source_type": "central_warehouse",
                    "source_store_id": central["warehouse"].id,
                    "delivery_tue": True,
                    "delivery_thu": True,
                    "delivery_sat": True,
                    "cutoff_time": 14.0,
                    "lead_time_days": 1,
                    **days,
                }
            )
            schedule_vals.append(
                {
                    "store_id": store.id,
                    "source_type": "central_kitchen",
                    "source_store_id": central["kitchen"].id,
                    **{
                        f"delivery_{d}": True
                        for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
                    },
                    "cutoff_time": 16.0,
                    "lead_time_days": 1,
                }
            )
            for supplier in chain.suppliers:
                schedule_vals.append(
                    {
                        "store_id": store.id,
                        "source_type": "supplier",
                        "partner_id": suppliers[supplier.ref].id,
                        "delivery_tue": True,
                        "delivery_fri": True,
                        "cutoff_time": 12.0,
                        "lead_time_days": supplier.lead_time_days,
                    }
                )
        Guide.create(guide_vals)
        self.env["boh.order.schedule"].create(schedule_vals)
        # boh_demo_skip_orders: a chain for benchmarks of other capabilities
        # (guides, schedules and routes, but no weeks of past orders).
        if not self.env.context.get("boh_demo_skip_orders"):
            self._load_demo_orders(new_stores, central)

    def _load_demo_orders(self, stores, central):
        """A few weeks of orders through the real flow, in every state.

        Per store: an order closed three weeks ago, one received two weeks ago
        with claims for what was short or damaged, one on its way (the central
        warehouse shipped it), one from a supplier (purchase order confirmed and
        received), one from the central kitchen (with boh_ordering_mrp, its
        manufacturing orders), and next delivery's order (submitted or draft;
        the first store also has a cancelled one). Plus budgets.
        """
        today = fields.Date.context_today(self)
        env = self._quiet_env(boh_keep_delivery_date=True)
        stores = [store for _spec, store in stores]
        first_day = today.replace(day=1)
        next_month = (first_day + timedelta(days=32)).replace(day=1)
        env["boh.store.budget"].create(
            [
                {
                    "store_id": store.id,
                    "date_from": day,
                    "date_to": (day + timedelta(days=32)).replace(day=1)
                    - timedelta(days=1),
                    "amount": 20000.0,
                }
                for store in stores
                for day in ((first_day - timedelta(days=1)).replace(day=1), first_day)
            ]
            + [
                {
                    "store_id": store.id,
                    "date_from": next_month,
                    "date_to": (next_month + timedelta(days=32)).replace(day=1)
                    - timedelta(days=1),
                    "amount": 20000.0,
                }
                for store in stores
            ]
        )
        self._demo_stock_central(env, stores, central)
        self._demo_kitchen_recipes(env, central)
        # Three weeks ago: delivered in full, closed.
        week3 = self._demo_orders(
            env, stores, "central_warehouse", today - timedelta(19)
        )
        self._demo_approve(week3)
        self._demo_ship(week3, central)
        self._demo_receive(week3, discrepancies=False)
        week3.action_close()
        # Two weeks ago: received with discrepancies (claims); a supplier order.
        week2 = self._demo_orders(
            env, stores, "central_warehouse", today - timedelta(12)
        )
        supplier = self._demo_orders(env, stores, "supplier", today - timedelta(11))
        self._demo_approve(week2 | supplier)
        self._demo_ship(week2, central)
        supplier.sudo().purchase_ids.button_confirm()
        self._demo_receive(week2 | supplier, discrepancies=True)
        # Last week: shipped by the central warehouse, not received yet; the
        # central kitchen cooks for its order.
        week1 = self._demo_orders(
            env, stores, "central_warehouse", today - timedelta(1)
        )
        kitchen = self._demo_orders(
            env, stores, "central_kitchen", today + timedelta(1)
        )
        self._demo_approve(week1 | kitchen)
        self._demo_ship(week1, central)
        self._demo_failed_fulfilment(env, stores[:1], today)
        # Next delivery: submitted, or still a draft; one cancelled.
        upcoming = self._demo_orders(
            env, stores, "central_warehouse", today + timedelta(2)
        )
        self._demo_submit(upcoming[::2])
        cancelled = self._demo_orders(
            env, stores[:1], "central_warehouse", today + timedelta(4)
        )
        cancelled.action_cancel()

    def _demo_stock_central(self, env, stores, central):
        """Enough stock at the central warehouse and kitchen for the demo."""
        Quant = env["stock.quant"].sudo()
        # Eight pars of every store's guide lines sourced centrally, so that
        # the demo's weeks of orders never drive the central sites negative.
        needed = {}
        for store in stores:
            guides = env["boh.order.guide"]._get_store_guide(store)
            for gline in guides.line_ids.filtered(
                lambda gl: gl.source_type in ("central_warehouse", "central_kitchen")
            ):
                key = (gline.product_id, gline.source_store_id)
                needed[key] = needed.get(
                    key, 0.0
                ) + gline.product_uom_id._compute_quantity(
                    gline.qty_par * 8, gline.product_id.uom_id
                )
        for (product, site), qty in needed.items():
            Quant._update_available_quantity(product, site.lot_stock_id, qty)

    def _demo_kitchen_recipes(self, env, central):
        """What the central kitchen makes itself. Nothing here: it delivers
        from its stock (:meth:`_demo_stock_central`); boh_ordering_mrp gives
        it bills of materials and its Manufacture route."""

    def _demo_orders(self, env, stores, source_type, delivery):
        """One order per store from ``source_type``, lines from the guide."""
        Guide = env["boh.order.guide"]
        vals_list = []
        for store in stores:
            glines = Guide._get_store_guide(store).line_ids.filtered(
                lambda gl, st=source_type: gl.source_type == st
            )
            if not glines:
                continue
            vals = {
                "store_id": store.id,
                "source_type": source_type,
                "delivery_date": delivery,
                "user_id": store.manager_id.id or env.uid,
            }
            if source_type == "supplier":
                vals["partner_id"] = glines[0].partner_id.id
            else:
                vals["source_store_id"] = glines[0].source_store_id.id
            vals_list.append(vals)
        orders = env["boh.store.order"].sudo().create(vals_list)
        orders.action_generate_from_guide()
        # Follow most suggestions; override some with a reason.
        for order in orders:
            for index, line in enumerate(order.line_ids):
                vals = {"qty_ordered": line.qty_suggested}
                if not line.qty_suggested:
                    vals = {"qty_ordered": line.pack_qty, "override_reason": "Shelf"}
                if index % 4 == 1:
                    vals = {
                        "qty_ordered": vals["qty_ordered"] + line.pack_qty * 2,
                        "override_reason": "Weekend promotion",
                    }
                line.write(vals)
        return orders

    def _demo_submit(self, orders):
        """Submit as the store managers (the drafts among ``orders``)."""
        for order in orders.filtered(lambda o: o.state == "draft"):
            order.with_user(order.store_id.manager_id or self.env.user).action_submit()

    def _demo_approve(self, orders):
        """Submit as the store managers, approve as the area managers."""
        self._demo_submit(orders)
        by_approver = {}
        for order in orders:
            approver = order.store_id.area_manager_id
            if not approver or not order.with_user(approver).has_access("write"):
                approver = order.store_id.manager_id or self.env.user
            by_approver.setdefault(approver, orders.browse())
            by_approver[approver] |= order
        for approver, group in by_approver.items():
            # The demo ships right after: fulfil now rather than in background jobs.
            group.with_user(approver).with_context(
                queue_job__no_delay=True
            ).action_approve()

    def _demo_failed_fulfilment(self, env, stores, today):
        """An approved supplier order whose fulfilment failed.

        The store submitted it; then the supplier's price of one product was
        ended the day before delivery: the order stays approved with the
        error, in the chatter and on the form, until a buyer renews the price
        and retries the fulfilment.
        """
        orders = self._demo_orders(env, stores, "supplier", today + timedelta(3))
        self._demo_submit(orders)
        for order in orders:
            sellers = order.line_ids.product_id.seller_ids.filtered(
                lambda s, o=order: s.partner_id == o.partner_id
            )
            sellers[:1].sudo().date_end = today + timedelta(2)
        self._demo_approve(orders.with_context(boh_fulfil_in_background=True))

    def _demo_ship(self, orders, central):
        """The central sites pick and ship what the orders asked for."""
        pickings = (
            orders.sudo()
            .picking_ids.filtered(
                lambda p: (
                    p.picking_type_id.warehouse_id
                    in [site.warehouse_id for site in central.values()]
                    and p.state not in ("done", "cancel")
                )
            )
            .with_context(skip_sms=True)
        )
        pickings.action_assign()
        # What was reserved is shipped; anything the site lacks waits in a
        # backorder, as it would for a real warehouse (never negative stock).
        pickings = pickings.filtered(lambda p: any(m.quantity for m in p.move_ids))
        pickings.move_ids.picked = True
        pickings.with_context(skip_backorder=True).button_validate()

    def _demo_receive(self, orders, discrepancies):
        """The stores receive the goods; they arrived on the delivery date."""
        done_moves = self._demo_receive_moves(orders, discrepancies)
        # History: the goods arrived on the delivery date, in the morning.
        for order in orders:
            moves = done_moves.filtered(
                lambda m, o=order: m.boh_order_line_id.order_id == o
            ).sudo()
            when = datetime.combine(order.delivery_date, dt_time(2, 0))
            moves.write({"date": when})
            moves.move_line_ids.write({"date": when})
            moves.picking_id.write({"date_done": when})

    def _demo_receive_moves(self, orders, discrepancies):
        """Validate the store receipts of ``orders`` as delivered, and return
        their moves. ``discrepancies`` is for receiving addons (claims)."""
        # sudo: the demo loader is run by an administrator; store people have
        # no stock rights and receive through the receiving addon's wizard.
        moves = (
            orders.sudo()
            ._get_store_receipt_moves()
            .filtered(lambda m: m.state not in ("done", "cancel"))
        )
        for move in moves:
            move.quantity = move.quantity or move.product_uom_qty
        moves.picked = True
        pickings = moves.picking_id
        pickings.with_context(
            skip_backorder=True,
            skip_sms=True,
            picking_ids_not_to_backorder=pickings.ids,
        ).button_validate()
        orders.sudo()._boh_update_received_state()
        return moves
