from odoo import models
from odoo.tools import OrderedSet

from odoo.addons.boh_ordering.models.bulk_procurement import BULK_KEY


class StockMove(models.Model):
    _inherit = "stock.move"

    # -- bulk procurement (boh_ordering/models/bulk_procurement.py) -------------

    def action_explode(self):
        """In a bulk run, one query tells whether any product is a kit."""
        if not self.env.context.get(BULK_KEY) or not self:
            return super().action_explode()
        Bom = self.env["mrp.bom"].sudo()
        for company in self.company_id:
            products = self.filtered(lambda m, c=company: m.company_id == c).product_id
            boms = Bom._bom_find(products, company_id=company.id, bom_type="phantom")
            if any(boms.values()):
                return super().action_explode()
        # No kit: every move stays as it is, as the standard method returns it.
        return self.browse(list(OrderedSet(self.ids)))
