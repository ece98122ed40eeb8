from odoo import fields, models


class PurchaseOrder(models.Model):
    _inherit = "purchase.order"

    boh_delivery_date = fields.Date(
        string="Store Delivery Date",
        index=True,
        copy=False,
        help="Delivery date of the store orders grouped in this purchase order.",
    )
