from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class BohForecastPromotion(models.Model):
    """A promotion of products or categories in some or all stores."""

    _name = "boh.forecast.promotion"
    _description = "BOH Promotion"
    _order = "date_from desc, id desc"

    name = fields.Char(required=True)
    active = fields.Boolean(default=True)
    date_from = fields.Date(string="From", required=True)
    date_to = fields.Date(string="To", required=True)
    product_ids = fields.Many2many("product.product", string="Products")
    categ_ids = fields.Many2many("product.category", string="Product Categories")
    store_ids = fields.Many2many(
        "boh.store",
        string="Stores",
        domain=[("store_type", "=", "store")],
        help="Leave empty for every store.",
    )
    discount = fields.Float(string="Discount (%)")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    @api.constrains("date_from", "date_to", "discount", "product_ids", "categ_ids")
    def _check_promotion(self):
        for promo in self:
            if promo.date_to < promo.date_from:
                raise ValidationError(
                    _(
                        "Promotion %(promo)s: the end date is before the start date.",
                        promo=promo.name,
                    )
                )
            if not 0 <= promo.discount <= 100:
                raise ValidationError(
                    _(
                        "Promotion %(promo)s: the discount must be between 0 and"
                        " 100%%.",
                        promo=promo.name,
                    )
                )
            if not promo.product_ids and not promo.categ_ids:
                raise ValidationError(
                    _(
                        "Promotion %(promo)s: choose products or categories.",
                        promo=promo.name,
                    )
                )

    @api.model
    def _get_store_promo_days(self, store, date_from, date_to, product_ids):
        """Set of (product id, date) promoted in ``store`` between the dates."""
        promos = self.search(
            [
                ("date_from", "<=", date_to),
                ("date_to", ">=", date_from),
                ("company_id", "=", store.company_id.id),
                "|",
                ("store_ids", "=", False),
                ("store_ids", "in", store.id),
            ]
        )
        if not promos:
            return set()
        wanted = set(product_ids)
        products = self.env["product.product"].browse(list(wanted))
        by_categ = {}
        for product in products:
            by_categ.setdefault(product.categ_id.id, set()).add(product.id)
        out = set()
        for promo in promos:
            targets = set(promo.product_ids.ids) & wanted
            if promo.categ_ids:
                categs = self.env["product.category"].search(
                    [("id", "child_of", promo.categ_ids.ids)]
                )
                for categ in categs.ids:
                    targets |= by_categ.get(categ, set())
            day = max(promo.date_from, date_from)
            end = min(promo.date_to, date_to)
            while day <= end:
                out.update((product, day) for product in targets)
                day += timedelta(days=1)
        return out
