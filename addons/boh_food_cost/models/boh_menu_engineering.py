from odoo import api, fields, models
from odoo.tools import SQL

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
        temporary table ``boh_fc_sales`` (``services.avt.sales_table``) and
        the items' economics, classified by one ``INSERT ... SELECT``."""
        self.env.cr.execute(
            "SELECT DISTINCT product_id FROM boh_fc_sales WHERE qty > 0"
            " AND period_id = ANY(%s)",
            [periods.ids],
        )
        products = self.env["product.product"].browse(
            r[0] for r in self.env.cr.fetchall()
        )
        keys, costs, margins = [], [], []
        for company in periods.company_id:
            economics = self._economics(products.with_company(company))
            for product_id, (cost, margin) in economics.items():
                keys.append((company.id, product_id))
                costs.append(cost)
                margins.append(margin)
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO boh_menu_engineering (period_id, date_to,
                       product_id, qty, share_pct, net_sales, unit_price,
                       unit_cost, unit_margin, total_margin, popular,
                       high_margin, classification)
                WITH e AS (
                    SELECT * FROM unnest(%(companies)s::int[],
                                         %(products)s::int[],
                                         %(costs)s::numeric[],
                                         %(margins)s::numeric[])
                        AS e(company_id, product_id, cost, list_margin)
                ), s AS (
                    SELECT s.period_id, per.date_to, s.product_id, s.qty,
                           COALESCE(s.amount, 0) AS amount, e.cost,
                           CASE WHEN COALESCE(s.amount, 0) != 0
                                THEN s.amount / s.qty
                                ELSE e.list_margin + e.cost END AS price,
                           CASE WHEN COALESCE(s.amount, 0) != 0
                                THEN s.amount / s.qty - e.cost
                                ELSE e.list_margin END AS margin
                      FROM boh_fc_sales s
                      JOIN boh_fc_period per ON per.period_id = s.period_id
                      JOIN e ON e.company_id = per.company_id
                            AND e.product_id = s.product_id
                     WHERE s.qty > 0 AND s.period_id = ANY(%(periods)s)
                ), m AS (
                    SELECT s.*,
                           100 * s.qty / SUM(s.qty) OVER w AS share,
                           100 * %(factor)s / COUNT(*) OVER w AS threshold,
                           SUM(s.margin * s.qty) OVER w / SUM(s.qty) OVER w
                               AS average
                      FROM s
                    WINDOW w AS (PARTITION BY s.period_id)
                )
                SELECT period_id, date_to, product_id, qty, share, amount,
                       price, cost, margin, margin * qty, share >= threshold,
                       margin >= average,
                       CASE WHEN share >= threshold AND margin >= average
                            THEN 'star'
                            WHEN share >= threshold THEN 'plowhorse'
                            WHEN margin >= average THEN 'puzzle'
                            ELSE 'dog' END
                  FROM m
                """,
                companies=[company for company, _product in keys],
                products=[product for _company, product in keys],
                costs=costs,
                margins=margins,
                periods=periods.ids,
                factor=POPULARITY_FACTOR,
            )
        )
        self.invalidate_model()

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
