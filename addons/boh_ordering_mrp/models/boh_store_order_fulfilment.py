from odoo import api, fields, models


class BohStoreOrderFulfilment(models.AbstractModel):
    """Central kitchen orders: the kitchen manufactures what it delivers.

    The lines of a central kitchen order whose product has a bill of
    materials at the kitchen are procured on the kitchen's Manufacture route
    too; the manufacturing order feeds the kitchen's delivery to the store
    (its finished move is the origin of that delivery's move).
    """

    _inherit = "boh.store.order.fulfilment"

    production_ids = fields.Many2many("mrp.production", compute="_compute_productions")
    production_count = fields.Integer(compute="_compute_productions")

    @api.depends("procurement_group_id", "state", "line_ids")
    def _compute_productions(self):
        # sudo: store people see which manufacturing orders make their own
        # order, even without manufacturing rights.
        groups = self.sudo().procurement_group_id
        productions = (
            self.env["mrp.production"]
            .sudo()
            .search(
                [
                    "|",
                    ("procurement_group_id", "in", groups.ids),
                    ("move_finished_ids.move_dest_ids.group_id", "in", groups.ids),
                ]
            )
        )
        for order in self:
            group = order.sudo().procurement_group_id
            order.production_ids = productions.filtered(
                lambda mo, g=group: (
                    g
                    and (
                        mo.procurement_group_id == g
                        or g in mo.move_finished_ids.move_dest_ids.group_id
                    )
                )
            )
            order.production_count = len(order.production_ids)

    def _boh_kitchen_route(self, kitchen_wh):
        return kitchen_wh.manufacture_pull_id.route_id

    def _boh_kitchen_made_products(self, kitchen_wh, products):
        """The ``products`` with a bill of materials at the kitchen."""
        self.ensure_one()
        boms = self.env["mrp.bom"]._bom_find(
            products,
            picking_type=kitchen_wh.manu_type_id,
            company_id=self.company_id.id,
            bom_type="normal",
        )
        return products.filtered(lambda product: boms.get(product))

    def action_view_productions(self):
        return self._action_view(self.production_ids, "mrp.mrp_production_action")
