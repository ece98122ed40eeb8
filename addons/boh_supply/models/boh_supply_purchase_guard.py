from odoo import models


class BohSupplyPurchaseGuard(models.AbstractModel):
    """The guard of purchase orders and their lines.

    Both carry the supplier's answer (confirmation, rejection) as workflow
    fields (each model declares its ``_boh_workflow_fields``), and both must
    check the numbers and dates a user sends before Odoo's own ``create`` and
    ``write`` of orders compare quantities and dates ('x' or NaN would end
    there in a server error).  So both models list this mixin *first* in
    their ``_inherit``: Odoo then places it (and ``boh.guard.mixin``'s
    ``create``/``write``, which check the workflow fields, the files and the
    numbers and dates) before every earlier definition of the model in the
    class order, purchase's included.  Listed after the model, it would come
    after them.
    """

    _name = "boh.supply.purchase.guard"
    _inherit = "boh.guard.mixin"
    _description = "BOH purchase order guard"
