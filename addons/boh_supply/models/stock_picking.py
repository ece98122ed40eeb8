from odoo import fields, models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    boh_asn_id = fields.Many2one(
        "boh.asn", string="Shipping Notice", copy=False, index="btree_not_null"
    )
