from odoo import _, fields, models
from odoo.exceptions import UserError


class BohOrderGuideCopy(models.TransientModel):
    _name = "boh.order.guide.copy"
    _description = "Copy an Order Guide to Stores"

    guide_id = fields.Many2one("boh.order.guide", required=True)
    store_ids = fields.Many2many(
        "boh.store", string="Stores", domain="[('store_type', '=', 'store')]"
    )

    def action_copy(self):
        self.ensure_one()
        if not self.store_ids:
            raise UserError(_("Choose the stores that receive a copy (field Stores)."))
        guides = self.guide_id._copy_to_stores(self.store_ids)
        return {
            "type": "ir.actions.act_window",
            "name": _("Order Guides"),
            "res_model": "boh.order.guide",
            "view_mode": "list,form",
            "domain": [("id", "in", guides.ids)],
        }
