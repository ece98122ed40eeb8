from odoo import fields, models

from odoo.addons.boh_store_ops.models.boh_waste import WASTE_REASONS


class BohFoodCostWaste(models.Model):
    """Posted waste of a food cost period by ingredient and reason, shown
    apart from the variance (written by the period's computation)."""

    _name = "boh.food.cost.waste"
    _description = "BOH Food Cost Waste by Reason"
    _order = "period_id desc, value desc, id"
    _rec_name = "product_id"

    period_id = fields.Many2one(
        "boh.food.cost.period", required=True, ondelete="cascade", index=True
    )
    store_id = fields.Many2one("boh.store", required=True, index=True)
    company_id = fields.Many2one("res.company", required=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_to = fields.Date(related="period_id.date_to")
    product_id = fields.Many2one("product.product", string="Ingredient", required=True)
    uom_id = fields.Many2one(related="product_id.uom_id", string="Unit")
    reason = fields.Selection(WASTE_REASONS, required=True)
    qty = fields.Float(string="Quantity", digits="Product Unit of Measure")
    value = fields.Monetary(
        string="Recorded Value", help="The value frozen on the waste entries."
    )
