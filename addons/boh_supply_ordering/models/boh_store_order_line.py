from odoo import api, fields, models

from odoo.addons.boh_ordering.models.boh_store_order_line import (
    BohStoreOrderLine as OrderingLine,
)


class BohStoreOrderLine(models.Model):
    _inherit = "boh.store.order.line"
    # The line a replacement line re-sources is set by the re-source wizard.
    _boh_workflow_fields = OrderingLine._boh_workflow_fields | {"resourced_from_id"}

    purchase_line_ids = fields.One2many(
        "purchase.order.line",
        "boh_order_line_id",
        string="Purchase Order Lines",
        readonly=True,
    )
    resourced_from_id = fields.Many2one(
        "boh.store.order.line",
        string="Re-sources",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        help="Line whose quantity rejected by the supplier this line orders again.",
    )
    resource_line_ids = fields.One2many(
        "boh.store.order.line",
        "resourced_from_id",
        string="Re-sourced By",
        readonly=True,
    )
    qty_rejected = fields.Float(
        string="Rejected by Supplier",
        digits="Product Unit of Measure",
        compute="_compute_qty_supply_gap",
        store=True,
        help="Quantity the supplier rejected, in the line's unit.",
    )
    qty_supply_gap = fields.Float(
        string="Supply Gap",
        digits="Product Unit of Measure",
        compute="_compute_qty_supply_gap",
        store=True,
        help="Quantity the supplier rejected that no other order brings yet.",
    )

    @api.depends(
        "product_uom_id",
        "purchase_line_ids.boh_rejected_qty",
        "purchase_line_ids.product_uom",
        "resource_line_ids.qty_ordered",
        "resource_line_ids.state",
    )
    def _compute_qty_supply_gap(self):
        # sudo: store people have no purchase rights; they read how much of
        # their own line the supplier rejected.
        for line in self:
            rejected = sum(
                pol.product_uom._compute_quantity(
                    pol.boh_rejected_qty, line.product_uom_id, round=False
                )
                for pol in line.sudo().purchase_line_ids
                if pol.boh_rejected_qty
            )
            resourced = sum(
                replacement.qty_ordered
                for replacement in line.sudo().resource_line_ids
                if replacement.state != "cancel"
            )
            line.qty_rejected = rejected
            line.qty_supply_gap = max(rejected - resourced, 0.0)
