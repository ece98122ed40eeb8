from odoo import _, fields, models
from odoo.tools import float_is_zero


class BohStoreOrder(models.Model):
    """Approving more than a central warehouse has never forces its stock.

    The transfers of the central warehouse reserve what is free and wait for
    the rest (Odoo's way: nothing is shipped that is not there).  After the
    fulfilment, the orders whose products are short at the warehouse on their
    delivery date (cumulative shortfall of the consolidation) get a note with
    the shortfall and the buyers an activity to replenish it.
    """

    _inherit = "boh.store.order"

    def _fulfil(self):
        res = super()._fulfil()
        self._boh_notify_source_shortfall()
        return res

    def _boh_get_source_shortfall(self):
        """``{order: [(product, shortfall in the product's unit)]}`` of the
        central warehouse orders in ``self``."""
        orders = self.filtered(
            lambda o: o.source_type == "central_warehouse" and o.source_store_id
        )
        if not orders:
            return {}
        self.env.flush_all()
        # sudo: figures of the consolidation (buyers' report) for the orders
        # being approved only; nothing is written
        rows = (
            self.env["boh.order.consolidation"]
            .sudo()
            .search(
                [
                    ("source_store_id", "in", orders.source_store_id.ids),
                    ("delivery_date", "in", list(set(orders.mapped("delivery_date")))),
                    ("product_id", "in", orders.line_ids.product_id.ids),
                    ("qty_shortfall", ">", 0),
                ]
            )
        )
        short = {
            (r.source_store_id.id, r.delivery_date, r.product_id.id): r.qty_shortfall
            for r in rows
        }
        result = {}
        for order in orders:
            found = []
            for product in order.line_ids.product_id:
                qty = short.get(
                    (order.source_store_id.id, order.delivery_date, product.id), 0.0
                )
                if not float_is_zero(qty, precision_rounding=product.uom_id.rounding):
                    found.append((product, qty))
            if found:
                result[order] = found
        return result

    def _boh_get_buyers(self):
        """Who replenishes the central warehouses: the BOH buyers of the
        order's company (the BOH admins when it has no buyer)."""
        self.ensure_one()
        # sudo: only reads who the buyers are, to assign them the activity
        Users = self.env["res.users"].sudo()
        domain = [("share", "=", False), ("company_ids", "in", self.company_id.id)]
        admin = self.env.ref("boh_base.group_boh_admin")
        buyers = Users.search(
            domain
            + [
                ("groups_id", "in", self.env.ref("boh_base.group_boh_buyer").id),
                ("groups_id", "not in", admin.id),
            ]
        )
        return buyers or Users.search(domain + [("groups_id", "in", admin.id)])

    def _boh_notify_source_shortfall(self):
        activity_type = self.env.ref(
            "boh_ordering.mail_activity_type_source_shortfall", False
        )
        today = fields.Date.context_today(self)
        for order, shortages in self._boh_get_source_shortfall().items():
            detail = ", ".join(
                f"{product.display_name}: {qty:g} {product.uom_id.name}"
                for product, qty in shortages
            )
            note = _(
                "Central warehouse %(site)s is short for the delivery of"
                " %(date)s: %(detail)s. Its transfer reserves what is free and"
                " waits for the rest.",
                site=order.source_store_id.display_name,
                date=order.delivery_date,
                detail=detail,
            )
            order.message_post(
                body=note, author_id=self.env.ref("base.partner_root").id
            )
            if not activity_type:
                continue
            for buyer in order._boh_get_buyers():
                # sudo: the approver may not be allowed to assign activities
                # on the order to others; the activity only carries the note
                order.sudo().activity_schedule(
                    activity_type_id=activity_type.id,
                    date_deadline=today,
                    note=note,
                    user_id=buyer.id,
                )
