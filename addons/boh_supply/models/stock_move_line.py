from odoo import fields, models


class StockMoveLine(models.Model):
    _inherit = "stock.move.line"

    boh_asn_line_id = fields.Many2one(
        "boh.asn.line",
        string="Shipping Notice Line",
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        readonly=True,
    )
