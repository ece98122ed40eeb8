from odoo import fields, models


class StockWarehouse(models.Model):
    _inherit = "stock.warehouse"

    # The site this warehouse is (one at most): record rules of Odoo's stock
    # documents reach the site's people through it.
    boh_store_ids = fields.One2many("boh.store", "warehouse_id", string="BOH Site")
