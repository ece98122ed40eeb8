from odoo import fields, models


class BohStoreOrder(models.Model):
    """The claims of a store order, and the wizard that receives its goods."""

    _inherit = "boh.store.order"

    claim_ids = fields.One2many("boh.claim", "order_id", string="Claims")
    claim_count = fields.Integer(compute="_compute_claim_count")

    def _compute_claim_count(self):
        groups = self.env["boh.claim"]._read_group(
            [("order_id", "in", self.ids)], ["order_id"], ["__count"]
        )
        counts = {order.id: count for order, count in groups}
        for order in self:
            order.claim_count = counts.get(order.id, 0)

    def action_view_claims(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "boh_receiving.boh_claim_action"
        )
        action["domain"] = [("order_id", "=", self.id)]
        action["context"] = {"create": False}
        return action

    def action_open_receive_wizard(self):
        self.ensure_one()
        wizard = self.env["boh.receive.wizard"]._create_for_order(self)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "boh_receiving.boh_receive_wizard_action"
        )
        action["res_id"] = wizard.id
        return action
