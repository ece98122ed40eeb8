import random
from datetime import datetime, time, timedelta

from odoo import Command, api, fields, models

# Storage types (boh_base's chain generator) of the perishable goods.
PERISHABLE_STORAGE = ("fresh", "chilled")
# Weeks of purchase orders of the demo chain.
DEMO_SUPPLY_WEEKS = 26


class BohDemoLoader(models.AbstractModel):
    _inherit = "boh.demo.loader"

    @api.model
    def load_chain(
        self, chain=None, passwords=False, supply_weeks=DEMO_SUPPLY_WEEKS, **params
    ):
        """Add supplier portal users and months of purchase orders, receipts,
        shipping notices and proposals (``supply_weeks``, six months by
        default; 0 for none)."""
        result = super().load_chain(chain=chain, passwords=passwords, **params)
        self._load_supply(result, passwords, supply_weeks)
        return result

    @api.model
    def load_supply_demo(self):
        """Demo of boh_supply: the demo chain's supplier portal users and six
        months of purchase orders (see ``_load_demo_part``)."""
        return self._load_demo_part(
            lambda result: self._load_supply(result, True, DEMO_SUPPLY_WEEKS)
        )

    def _load_supply(self, result, passwords, supply_weeks):
        self._load_perishables(result)
        result["supplier_users"] = self._load_supplier_users(result, passwords)
        if supply_weeks:
            result["supply_orders"] = self._load_supply_orders(result, supply_weeks)

    def _load_perishables(self, result):
        """Fresh and chilled goods bought from suppliers (vegetables, fruit,
        meat, dairy) are tracked by lots with an expiry date after their shelf
        life, alerted a day before, and removed First Expiry First Out."""
        codes = {
            p.default_code
            for p in result["chain"].products
            if p.storage_type in PERISHABLE_STORAGE and p.source == "supplier"
        }
        perishable = (
            self.env["product.product"]
            .browse([p.id for code, p in result["products"].items() if code in codes])
            .filtered(lambda p: not p.use_expiration_date)
        )
        for days, group in perishable.grouped("boh_shelf_life_days").items():
            group.product_tmpl_id._boh_set_perishable(
                max(days, 1), alert_time=1 if days > 1 else 0
            )

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
        """One order a week per supplier to a store over ``weeks`` weeks.

        Past orders are confirmed by the supplier, most of them announced by a
        shipping notice, and received with a realistic share of late and short
        lines (and prices 5 % above the agreed one now and then), so that the
        scorecards show meaningful figures.  This week's orders are open: some
        confirmed (with a notice on the way), some with a proposal waiting for
        the buyer, the others still to confirm.
        """
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
                picked = rng.sample(products, min(len(products), rng.randint(2, 5)))
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
                                        price * rng.choice((1, 1, 1, 1, 1.05)), 2
                                    ),
                                    "date_planned": planned,
                                }
                            )
                            for product, price in picked
                        ],
                    }
                )
                order.button_confirm()
                orders |= order
                if week == 0:
                    self._open_demo_order(order, rng)
                    continue
                order.order_line.boh_confirm_state = "confirmed"
                order.boh_confirmed_date = planned - timedelta(days=1)
                asn = (
                    self._demo_asn(order, planned.date())
                    if rng.random() < 0.7
                    else None
                )
                self._receive_demo_order(order, planned, rng)
                if asn:
                    asn.state = "received"
        return orders

    def _demo_asn(self, order, expected):
        """A shipping notice for the whole order, sent (dates in the past
        allowed: the demo writes history)."""
        lines = []
        for pol in order.order_line:
            vals = {"purchase_line_id": pol.id, "qty": pol.product_qty}
            if pol.product_id.tracking != "none":
                vals["lot_name"] = f"L{order.name[-5:]}-{pol.id}"
                vals["expiry_date"] = expected + timedelta(days=30)
            lines.append(Command.create(vals))
        asn = (
            self.env["boh.asn"]
            .with_context(tracking_disable=True, mail_create_nosubscribe=True)
            .create(
                {
                    "partner_id": order.partner_id.commercial_partner_id.id,
                    "company_id": order.company_id.id,
                    "purchase_ids": [Command.set(order.ids)],
                    "expected_date": expected,
                    "carrier": "SF Express",
                    "carrier_ref": f"SF{order.id:08d}",
                    "line_ids": lines,
                }
            )
        )
        asn.state = "sent"
        asn._prefill_receipts()
        return asn

    def _open_demo_order(self, order, rng):
        """This week's order: confirmed and announced, proposed, or to confirm."""
        draw = rng.random()
        if draw < 0.4:
            order.order_line.boh_confirm_state = "confirmed"
            order.boh_confirmed_date = fields.Datetime.now()
            if draw < 0.2:
                self._demo_asn(order, fields.Date.context_today(self))
        elif draw < 0.7:
            line = order.order_line[:1]
            # sudo: the demo proposes as the supplier would through the portal
            # (whose controller works in sudo); suppliers may have no email
            order.sudo().with_context(
                boh_author_id=order.partner_id.id
            )._boh_supplier_propose(
                [{"line": line, "qty": line.product_qty + rng.randint(1, 6)}],
                note="Full cases only",
            )

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
