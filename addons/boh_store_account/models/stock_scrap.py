from odoo import fields, models


class StockScrap(models.Model):
    _inherit = "stock.scrap"

    boh_waste_id = fields.Many2one(
        "boh.waste",
        string="Waste Entry",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The store's waste entry that made this scrap: its value goes to"
        " the waste account.",
    )
