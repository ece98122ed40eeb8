import random
from datetime import datetime, time, timedelta

from odoo import Command, api, fields, models


class BohDemoLoader(models.AbstractModel):
    _inherit = "boh.demo.loader"

    @api.model
    def load_chain(self, chain=None, passwords=False, supply_weeks=8, **params):
        """Add supplier portal users and weeks of purchase orders, receipts,
        shipping notices and proposals (``supply_weeks``; 0 for none)."""
        result = super().load_chain(chain=chain, passwords=passwords, **params)
        result["supplier_users"] = self._load_supplier_users(result, passwords)
        if supply_weeks:
            result["supply_orders"] = self._load_supply_orders(result, supply_weeks)
        return result

    def _load_supplier_users(self, result, passwords):
        """A portal user per supplier: ``supplier1``, ``supplier2``, ..."""
        suppliers = sorted(result["suppliers"].values(), key=lambda p: p.ref or "")
        logins = [f"supplier{index}" for index in range(1, len(suppliers) + 1)]
        existing = self._existing("res.users", "login", logins)
        portal = self.env.ref("base.group_portal")
        Users = self.env["res.users"].with_context(
            no_reset_password=True, mail_create_nosubscribe=True, tracking_disable=True
        )
        vals_list = []
        for login, partner in zip(logins, suppliers):
            if login in existing:
                continue
            contact = self.env["res.partner"].create(
                {"name": f"{partner.name} Sales", "parent_id": partner.id}
            )
            vals = {
                "login": login,
                "partner_id": contact.id,
                "groups_id": [Command.set(portal.ids)],
            }
            if passwords:
                vals["password"] = login
            vals_list.append(vals)
        return {**existing, **{u.login: u for u in Users.create(vals_list)}}

    def _load_supply_orders(self, result, weeks):
        """One order a week per supplier to a store, received with a realistic
        share of late and short lines; the last week stays open."""
        rng = random.Random(result["chain"].seed)
        stores = [s for s in result["sites"].values() if s.store_type == "store"]
        buyer = result["users"].get("buyer")
        by_supplier = {}
        for product in result["products"].values():
            for seller in product.seller_ids:
                by_supplier.setdefault(seller.partner_id, []).append(
                    (product, seller.price)
                )
        Order = self.env["purchase.order"].with_context(
            tracking_disable=True, mail_create_nosubscribe=True
        )
        today = fields.Date.context_today(self)
        orders = Order.browse()
        for week in range(weeks, -1, -1):
            day = today - timedelta(weeks=week)
            for partner, products in sorted(by_supplier.items(), key=lambda i: i[0].id):
                store = rng.choice(stores)
                planned = datetime.combine(day, time(12))
                order = Order.create(
                    {
                        "partner_id": partner.id,
                        "user_id": buyer.id if buyer else False,
                        "picking_type_id": store.warehouse_id.in_type_id.id,
                        "date_order": planned - timedelta(days=2),
                        "order_line": [
                            Command.create(
                                {
                                    "product_id": product.id,
                                    "product_qty": rng.randint(2, 20),
                                    "price_unit": round(
                                        price * rng.choice((1, 1, 1, 1.05)), 2
                                    ),
                                    "date_planned": planned,
                                }
                            )
                            for product, price in products[:4]
                        ],
                    }
                )
                order.button_confirm()
                orders |= order
                if week == 0:
                    continue
                order.order_line.boh_confirm_state = "confirmed"
                self._receive_demo_order(order, planned, rng)
        return orders

    def _receive_demo_order(self, order, planned, rng):
        picking = order.picking_ids.filtered(
            lambda p: p.state not in ("done", "cancel")
        )
        for move in picking.move_ids:
            short = rng.random() < 0.15
            move.quantity = move.product_uom_qty * (0.8 if short else 1.0)
            for line in move.move_line_ids:
                if move.product_id.tracking != "none" and not line.lot_name:
                    line.lot_name = f"DEMO-{order.name}"
        picking.move_ids.picked = True
        picking.with_context(cancel_backorder=True)._action_done()
        late = timedelta(days=1) if rng.random() < 0.2 else timedelta()
        done = planned + late
        picking.date_done = done
        picking.move_ids.write({"date": done})
