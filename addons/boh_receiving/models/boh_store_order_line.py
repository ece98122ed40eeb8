from odoo import fields, models


class BohStoreOrderLine(models.Model):
    """The claims made on what the store received of a line."""

    _inherit = "boh.store.order.line"

    claim_ids = fields.One2many("boh.claim", "order_line_id", string="Claims")
