from collections import defaultdict

from odoo import api, fields, models

from ..services.bulk import bulk_insert

CLASSES = [
    ("star", "Star"),
    ("plowhorse", "Plowhorse"),
    ("puzzle", "Puzzle"),
    ("dog", "Dog"),
]
# An item is popular when its share of the items sold reaches 70 % of an
# even share (Kasavana and Smith's menu engineering rule).
POPULARITY_FACTOR = 0.7


class BohMenuEngineering(models.Model):
    """Menu engineering of a store's period: each menu item's popularity and
    contribution margin, classified star / plowhorse / puzzle / dog.

    Popular: share of the units sold >= 70 % of 1 / (items sold). High
    margin: unit margin >= the average margin weighted by units sold. The
    unit margin is the average net selling price of the period (net sales /
    units) minus the recipe cost; without net sales, boh_recipe's margin.
    Written by the period's computation; store and company are the
    period's (related, as on the food cost lines), no log columns.
    """

    _name = "boh.menu.engineering"
    _description = "BOH Menu Engineering"
    _order = "period_id desc, total_margin desc, id"
    _rec_name = "product_id"
    _log_access = False

    period_id = fields.Many2one(
        "boh.food.cost.period", required=True, ondelete="cascade", index=True
    )
    store_id = fields.Many2one(related="period_id.store_id")
    company_id = fields.Many2one(related="period_id.company_id")
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_to = fields.Date(related="period_id.date_to", store=True)
    product_id = fields.Many2one("product.product", string="Menu Item", required=True)
    qty = fields.Float(string="Sold", digits="Product Unit of Measure")
    share_pct = fields.Float(string="Popularity %", aggregator="sum")
    net_sales = fields.Monetary()
    unit_price = fields.Monetary(string="Average Price", aggregator="avg")
    unit_cost = fields.Monetary(string="Recipe Cost", aggregator="avg")
    unit_margin = fields.Monetary(string="Unit Margin", aggregator="avg")
    total_margin = fields.Monetary(string="Contribution Margin")
    popular = fields.Boolean()
    high_margin = fields.Boolean()
    classification = fields.Selection(CLASSES, index=True)

    @api.model
    def _fill(self, periods):
        """The menu engineering of the periods, from their sales in the
        temporary table ``boh_fc_sales`` (``services.avt.sales_table``)."""
        self.env.cr.execute(
            "SELECT period_id, product_id, qty, amount FROM boh_fc_sales"
            " WHERE qty > 0 AND period_id = ANY(%s)",
            [periods.ids],
        )
        sales = defaultdict(list)
        for period_id, product_id, qty, amount in self.env.cr.fetchall():
            sales[period_id].append((product_id, qty, float(amount or 0.0)))
        products = self.env["product.product"].browse(
            {p for rows in sales.values() for p, _q, _a in rows}
        )
        economics = {
            company.id: self._economics(products.with_company(company))
            for company in periods.company_id
        }
        rows = []
        for period in periods:
            rows += self._classify(
                period, sales.get(period.id, []), economics[period.company_id.id]
            )
        bulk_insert(self, rows)

    @api.model
    def _economics(self, products):
        """``{product id: (recipe cost, margin at list price)}``: boh_recipe's
        recipe cost and margin; an item without a recipe (a drink sold as it
        is bought) costs its own cost."""
        out = {}
        for product in products:
            cost = product.boh_recipe_cost or product.standard_price
            margin = (
                product.boh_margin
                if product.boh_recipe_cost
                else product.lst_price - cost
            )
            out[product.id] = (cost, margin)
        return out

    @api.model
    def _classify(self, period, items, economics):
        if not items:
            return []
        total_qty = sum(qty for _p, qty, _a in items)
        threshold = 100.0 * POPULARITY_FACTOR / len(items)
        rows = []
        for product_id, qty, amount in items:
            cost, list_margin = economics[product_id]
            if amount:
                price = amount / qty
                margin = price - cost
            else:
                margin = list_margin
                price = margin + cost
            rows.append(
                {
                    "period_id": period.id,
                    "date_to": period.date_to,
                    "product_id": product_id,
                    "qty": qty,
                    "share_pct": 100.0 * qty / total_qty,
                    "net_sales": amount,
                    "unit_price": price,
                    "unit_cost": cost,
                    "unit_margin": margin,
                    "total_margin": margin * qty,
                }
            )
        average = sum(r["total_margin"] for r in rows) / total_qty
        for row in rows:
            row["popular"] = row["share_pct"] >= threshold
            row["high_margin"] = row["unit_margin"] >= average
            row["classification"] = {
                (True, True): "star",
                (True, False): "plowhorse",
                (False, True): "puzzle",
                (False, False): "dog",
            }[(row["popular"], row["high_margin"])]
        return rows
