from odoo import _, api, fields, models


class BohSupplyDashboard(models.Model):
    _inherit = "boh.supply.dashboard"

    code = fields.Selection(
        selection_add=[("claims", "Claims Open")], ondelete={"claims": "cascade"}
    )

    @api.model
    def _queue(self, code):
        if code != "claims":
            return super()._queue(code)
        return (
            "boh.claim",
            [("partner_id", "!=", False), ("state", "in", ("open", "answered"))],
            [("state", "=", "answered")],
            _("answered, to close"),
            "boh_supply_claim.boh_supply_claim_action",
        )
