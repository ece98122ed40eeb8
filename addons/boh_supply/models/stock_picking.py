from odoo import fields, models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    boh_asn_ids = fields.Many2many(
        "boh.asn",
        "boh_asn_stock_picking_rel",
        "picking_id",
        "asn_id",
        string="Shipping Notices",
        copy=False,
        readonly=True,
    )
