from odoo import models


class BohSupplyPurchaseGuard(models.AbstractModel):
    """The guard of purchase orders and their lines.

    Both carry the supplier's answer (confirmation, rejection) as workflow
    fields (each model declares its ``_boh_workflow_fields``), and both must
    check the numbers and dates a user sends before Odoo's own ``create`` and
    ``write`` of orders compare quantities and dates: the guard mixin's check
    comes after them in the class order, where 'x' or NaN already ended in a
    server error.  ``create``/``write`` of each model call
    ``_boh_check_sent_values`` first (an override here would also come after
    Odoo's).
    """

    _name = "boh.supply.purchase.guard"
    _inherit = "boh.guard.mixin"
    _description = "BOH purchase order guard"

    def _boh_check_sent_values(self, vals_list):
        """Refuse, naming record and field, a number or a date a user sends
        that is no number or date of a sensible size; the workflow and sudo
        pass."""
        if self._boh_guard_lifted():
            return
        for vals in vals_list:
            self._boh_guard_values(vals)
