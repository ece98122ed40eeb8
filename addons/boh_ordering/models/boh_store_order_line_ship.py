from collections import defaultdict

from odoo import _, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare, float_round, format_date


class BohStoreOrderLine(models.Model):
    """What the source will actually ship for each store order line."""

    _inherit = "boh.store.order.line"

    qty_to_ship = fields.Float(
        string="To Ship",
        digits="Product Unit of Measure",
        readonly=True,
        copy=False,
        help="Quantity the source ships for this line, in the line's unit: the"
        " line's share of the purchase order line once the supplier's minimum"
        " order quantity and pack size are applied.",
    )

    def _get_ship_quantities(self):
        """``{line id: quantity to ship}`` (line's unit) of the lines of ``self``.

        Supplier lines get their share of the quantity of the purchase order
        lines made for their order and product, pro rata of the ordered
        quantities; the other sources ship what is ordered.
        """
        # sudo: the purchase order lines of these store orders only, read for
        # their quantities; store people have no purchase rights.
        supplier_lines = self.filtered(lambda ln: ln.source_type == "supplier")
        po_lines = (
            self.env["purchase.order.line"]
            .sudo()
            .search(
                [
                    ("boh_order_line_id", "in", supplier_lines.ids),
                    ("state", "!=", "cancel"),
                ]
            )
        )
        result = {line.id: line.qty_ordered for line in self}
        served = defaultdict(lambda: self.env["purchase.order.line"].sudo())
        for pol in po_lines:
            served[pol.boh_order_line_id.order_id, pol.product_id] |= pol
        for (order, product), pols in served.items():
            lines = supplier_lines.filtered(
                lambda ln, o=order, p=product: (
                    ln.order_id == o
                    and ln.product_id == p
                    and float_compare(ln.qty_ordered, 0.0, precision_digits=6) > 0
                )
            )
            if not lines:
                continue
            uom = lines[0].product_uom_id
            total = sum(
                pol.product_uom._compute_quantity(pol.product_qty, uom, round=False)
                for pol in pols
            )
            ordered = {
                ln.id: ln.product_uom_id._compute_quantity(
                    ln.qty_ordered, uom, round=False
                )
                for ln in lines
            }
            ordered_total = sum(ordered.values())
            left = total
            for index, line in enumerate(lines):
                if index == len(lines) - 1:
                    share = left
                else:
                    share = total * ordered[line.id] / ordered_total
                    left -= share
                result[line.id] = float_round(
                    uom._compute_quantity(share, line.product_uom_id, round=False),
                    precision_digits=6,
                )
        return result

    def _update_qty_to_ship(self, notify=False):
        """Store what will be shipped; with ``notify``, tell the orders whose
        quantities the supplier's rounding changed."""
        if not self:
            return
        quantities = self._get_ship_quantities()
        changed = self.filtered(
            lambda ln: float_compare(
                ln.qty_to_ship, quantities[ln.id], precision_digits=6
            )
        )
        if changed:
            changed._boh_workflow()._write_grouped(
                [{"qty_to_ship": quantities[ln.id]} for ln in changed]
            )
        if not notify:
            return
        rounded = self.filtered(
            lambda ln: float_compare(ln.qty_to_ship, ln.qty_ordered, precision_digits=6)
        )
        for order in rounded.order_id:
            details = "; ".join(
                _(
                    "%(product)s: ordered %(ordered)s, to ship %(ship)s %(uom)s",
                    product=ln.product_id.display_name,
                    ordered=ln.qty_ordered,
                    ship=ln.qty_to_ship,
                    uom=ln.product_uom_id.name,
                )
                for ln in rounded.filtered(lambda ln, o=order: ln.order_id == o)
            )
            # A system note: the approver may have no email address to author it.
            order.message_post(
                body=_(
                    "The supplier's minimum order quantities and pack sizes"
                    " changed the quantities to ship: %(details)s.",
                    details=details,
                ),
                author_id=self.env.ref("base.partner_root").id,
            )

    def _prepare_procurement_values(self, route, date_planned):
        """(quantity, values) of this line's procurement."""
        self.ensure_one()
        order = self.order_id
        qty = self.qty_ordered
        values = {
            "group_id": order.procurement_group_id,
            "date_planned": date_planned,
            "date_deadline": date_planned,
            "warehouse_id": order.store_id.warehouse_id,
            "route_ids": route,
            "company_id": order.company_id,
            "boh_order_line_id": self.id,
            "boh_delivery_date": order.delivery_date,
        }
        if order.source_type == "supplier":
            seller = self._get_seller()
            if not seller:
                self._raise_no_price()
            values["supplierinfo_id"] = seller
            qty = self._apply_vendor_minimum(qty, seller)
        return qty, values

    def _get_seller(self):
        """The supplier's price (``product.supplierinfo``) of this line on the
        order's delivery date: what the purchase order will be made with."""
        self.ensure_one()
        order = self.order_id
        return self.product_id.with_company(order.company_id)._select_seller(
            partner_id=order.partner_id, quantity=None, date=order.delivery_date
        )

    def _raise_no_price(self):
        order = self.order_id
        raise UserError(
            _(
                "Order %(order)s: supplier %(supplier)s has no price for"
                " %(product)s on %(date)s (product's Purchase tab). A buyer"
                " renews the supplier's price, or the store orders it from"
                " another source.",
                order=order.name,
                supplier=order.partner_id.name,
                product=self.product_id.display_name,
                date=format_date(self.env, order.delivery_date),
            )
        )

    def _check_supplier_price(self):
        """Lines of a supplier's order have its price on the delivery date:
        checked when the store submits, not left for the approval to fail."""
        lines = self.filtered(
            lambda line: (
                line.order_id.source_type == "supplier" and line.qty_ordered > 0
            )
        )
        # sudo: store roles cannot read suppliers' prices; only whether the
        # supplier has one for the products of their own order is looked at.
        for line in lines.sudo():
            if not line._get_seller():
                line.with_env(self.env)._raise_no_price()

    def _apply_vendor_minimum(self, qty, seller):
        """Raise ``qty`` to the vendor's MOQ, in whole packs."""
        self.ensure_one()
        seller_uom = seller.product_uom or self.product_id.uom_po_id
        min_qty = seller_uom._compute_quantity(seller.min_qty, self.product_uom_id)
        # The order's chatter tells what changed once the purchase order lines
        # are made (_update_qty_to_ship).
        if float_compare(qty, min_qty, precision_digits=6) < 0:
            return self._round_to_pack(min_qty)
        return self._round_to_pack(qty)
