from odoo import models


class StockWarehouse(models.Model):
    _inherit = "stock.warehouse"

    def write(self, vals):
        res = super().write(vals)
        # A site's name and code are its warehouse's (delegation): renaming
        # the site, here or in Inventory, renames its analytic account.
        if "name" in vals or "code" in vals:
            self.boh_store_ids._boh_sync_analytic_accounts()
        return res
