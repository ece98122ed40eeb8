from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

MANAGER_GROUP = "boh_base.group_boh_store_manager"
BUYER_GROUP = "boh_base.group_boh_buyer"


class BohStoreOrder(models.Model):
    _inherit = "boh.store.order"

    has_supply_gap = fields.Boolean(
        string="Supply Gap",
        compute="_compute_has_supply_gap",
        store=True,
        index=True,
        help="A supplier rejected lines of this order that are not re-sourced.",
    )

    @api.depends("line_ids.qty_supply_gap")
    def _compute_has_supply_gap(self):
        for order in self:
            order.has_supply_gap = any(
                qty > 0 for qty in order.line_ids.mapped("qty_supply_gap")
            )

    def _check_can_resource(self):
        user = self.env.user
        if not self.env.su and not (
            user.has_group(MANAGER_GROUP) or user.has_group(BUYER_GROUP)
        ):
            raise AccessError(
                _(
                    "You are not allowed to re-source the rejected lines of store"
                    " orders (%(orders)s).",
                    orders=", ".join(self.mapped("name")),
                )
            )
        self.check_access("write")
        for order in self:
            if not order.has_supply_gap:
                raise UserError(
                    _(
                        "Order %(order)s has no line rejected by a supplier left to"
                        " re-source.",
                        order=order.name,
                    )
                )

    def action_open_resource_wizard(self):
        self.ensure_one()
        self._check_can_resource()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "boh_supply_ordering.boh_supply_resource_wizard_action"
        )
        action["context"] = {"default_order_id": self.id}
        return action
