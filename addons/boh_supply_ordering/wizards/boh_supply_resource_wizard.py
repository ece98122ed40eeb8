import math

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare

from odoo.addons.boh_base.services.inputs import check_date
from odoo.addons.boh_ordering.models.boh_order_source_mixin import SOURCE_TYPES


class BohSupplyResourceWizard(models.TransientModel):
    """Order again, from another source, what a supplier rejected."""

    _name = "boh.supply.resource.wizard"
    _description = "Re-source Rejected Lines"

    order_id = fields.Many2one(
        "boh.store.order", string="Store Order", required=True, ondelete="cascade"
    )
    store_id = fields.Many2one(related="order_id.store_id")
    source_type = fields.Selection(
        SOURCE_TYPES, string="New Source", required=True, default="central_warehouse"
    )
    source_store_id = fields.Many2one(
        "boh.store",
        string="Source Site",
        domain="[('store_type', 'in', ('warehouse', 'kitchen'))]",
    )
    partner_id = fields.Many2one("res.partner", string="Supplier")
    delivery_date = fields.Date(
        required=True, default=lambda self: self._default_delivery_date()
    )
    summary = fields.Text(string="To Re-source", compute="_compute_summary")

    @api.model
    def _default_delivery_date(self):
        order = self.env["boh.store.order"].browse(
            self.env.context.get("default_order_id")
        )
        tomorrow = fields.Date.add(fields.Date.context_today(self), days=1)
        if order.exists() and order.delivery_date:
            return max(order.delivery_date, tomorrow)
        return tomorrow

    @api.depends("order_id")
    def _compute_summary(self):
        for wizard in self:
            wizard.summary = "\n".join(
                _(
                    "%(product)s: %(qty)s %(uom)s",
                    product=line.product_id.display_name,
                    qty=line.qty_supply_gap,
                    uom=line.product_uom_id.name,
                )
                for line in wizard.order_id.line_ids
                if line.qty_supply_gap > 0
            )

    def _check_source(self, lines):
        self.ensure_one()
        order = self.order_id
        if self.source_type == "supplier":
            if not self.partner_id:
                raise UserError(
                    _(
                        "Order %(order)s: choose the supplier to order from"
                        " (field Supplier).",
                        order=order.name,
                    )
                )
            missing = lines.product_id.filtered(
                lambda product: (
                    not product.with_company(order.company_id)._select_seller(
                        partner_id=self.partner_id,
                        quantity=None,
                        date=self.delivery_date,
                    )
                )
            )
            if missing:
                raise UserError(
                    _(
                        "Order %(order)s: supplier %(supplier)s has no price for"
                        " %(products)s (product's Purchase tab).",
                        order=order.name,
                        supplier=self.partner_id.display_name,
                        products=", ".join(missing.mapped("display_name")),
                    )
                )
        elif not self.source_store_id:
            raise UserError(
                _(
                    "Order %(order)s: choose the central site to order from"
                    " (field Source Site).",
                    order=order.name,
                )
            )

    def action_resource(self):
        """A new draft store order for the rejected quantities."""
        self.ensure_one()
        order = self.order_id
        order._check_can_resource()
        check_date(
            self.delivery_date,
            _("Order %(order)s", order=order.name),
            _("Delivery Date"),
        )
        lines = order.line_ids.filtered(lambda line: line.qty_supply_gap > 0)
        self._check_source(lines)
        supplier = self.source_type == "supplier"
        new_order = self.env["boh.store.order"].create(
            {
                "store_id": order.store_id.id,
                "source_type": self.source_type,
                "partner_id": self.partner_id.id if supplier else False,
                "source_store_id": False if supplier else self.source_store_id.id,
                "delivery_date": self.delivery_date,
                # The guide lists the products of their usual source only.
                "guide_id": False,
                "note": _(
                    "Re-sources the lines of %(order)s rejected by the supplier.",
                    order=order.name,
                ),
            }
        )
        prices = new_order._get_prices(lines.product_id)
        vals_list = []
        for line in lines:
            pack = line.pack_qty or 1.0
            packs = line.qty_supply_gap / pack
            if float_compare(packs, round(packs), precision_digits=3):
                packs = math.ceil(packs)
            price = prices.get(line.product_id.id, 0.0)
            vals_list.append(
                {
                    "order_id": new_order.id,
                    "resourced_from_id": line.id,
                    "sequence": line.sequence,
                    "product_id": line.product_id.id,
                    "product_uom_id": line.product_uom_id.id,
                    "pack_qty": pack,
                    "qty_ordered": round(packs) * pack,
                    "price_unit": line.product_id.uom_id._compute_price(
                        price, line.product_uom_id
                    ),
                }
            )
        # The link to the rejected line is the workflow's (resourced_from_id).
        self.env["boh.store.order.line"]._boh_workflow().create(vals_list)
        root = self.env.ref("base.partner_root").id
        # System notes: store managers may have no email address to author them.
        order.message_post(
            body=Markup("%s")
            % _(
                "%(user)s re-sourced the rejected lines in order %(new)s.",
                user=self.env.user.name,
                new=new_order.name,
            ),
            author_id=root,
        )
        new_order.message_post(
            body=_(
                "Created by %(user)s for the lines of %(order)s rejected by the"
                " supplier.",
                user=self.env.user.name,
                order=order.name,
            ),
            author_id=root,
        )
        self._mark_rejections_handled(lines)
        return {
            "type": "ir.actions.act_window",
            "res_model": "boh.store.order",
            "res_id": new_order.id,
            "views": [(False, "form")],
            "target": "current",
        }

    def _mark_rejections_handled(self, lines):
        """Purchase orders whose rejected lines are all re-sourced leave the
        buyer's queue."""
        # sudo: store managers have no purchase rights; only the flag of the
        # purchase orders of the lines just re-sourced is set.
        purchases = (
            lines.sudo()
            .purchase_line_ids.filtered(lambda pol: pol.boh_rejected_qty)
            .order_id
        )
        for purchase in purchases:
            rejected = purchase.order_line.filtered(lambda pol: pol.boh_rejected_qty)
            if not any(
                line.qty_supply_gap > 0 for line in rejected.boh_order_line_id
            ) and not rejected.filtered(lambda pol: not pol.boh_order_line_id):
                purchase.boh_rejection_handled = True
