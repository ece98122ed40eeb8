from odoo import _, api, fields, models
from odoo.exceptions import UserError


class BohStoreOrder(models.Model):
    """The order guide of a store order: its products, par levels and the
    suggested quantities."""

    _inherit = "boh.store.order"

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

    def action_generate_from_guide(self):
        """Add the guide's products of this source and suggest quantities."""
        self._check_state(("draft",), "generate")
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
        self._check_state(("draft",), "refresh")
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
