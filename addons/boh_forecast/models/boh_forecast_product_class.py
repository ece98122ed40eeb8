import numpy as np

from odoo import api, fields, models
from odoo.tools import SQL

from ..lib.classification import abc_classes, weekly_cv, xyz_classes
from .boh_forecast_service_level import CLASS_ABC, CLASS_XYZ

DEFAULT_SERVICE_LEVEL = 0.95


class BohForecastProductClass(models.Model):
    """ABC (value) and XYZ (variability) class of a product in a store.

    Refreshed by every forecast run from the store's last year of demand; the
    class decides the service level of the order suggestions.
    """

    _name = "boh.forecast.product.class"
    _description = "BOH Product Class per Store"
    _order = "store_id, abc_class, xyz_class"
    _rec_name = "product_id"

    store_id = fields.Many2one("boh.store", required=True, index=True)
    product_id = fields.Many2one("product.product", required=True, index=True)
    abc_class = fields.Selection(CLASS_ABC, string="ABC", required=True)
    xyz_class = fields.Selection(CLASS_XYZ, string="XYZ", required=True)
    annual_value = fields.Float(help="Units sold in the last year times price.")
    weekly_cv = fields.Float(
        string="Weekly CV", help="Coefficient of variation of weekly demand."
    )
    service_level = fields.Float(
        string="Service Level (%)", compute="_compute_service_level"
    )
    company_id = fields.Many2one(related="store_id.company_id", store=True)

    _sql_constraints = [
        ("store_product_unique", "unique(store_id, product_id)", "One class a series."),
    ]

    @api.depends("abc_class", "xyz_class")
    def _compute_service_level(self):
        levels = self.env["boh.forecast.service.level"]._get_levels()
        for rec in self:
            rec.service_level = 100.0 * levels.get(
                (rec.abc_class, rec.xyz_class), DEFAULT_SERVICE_LEVEL
            )

    @api.model
    def _refresh_store(self, store, items, matrix):
        """Classify the store's items from a (n, days) demand matrix."""
        if not len(items):
            return
        prices = dict(
            self.env["product.product"]
            .browse(items.tolist())
            .with_context(prefetch_fields=False)
            .mapped(lambda p: (p.id, p.lst_price))
        )
        value = matrix.sum(axis=1) * np.array([prices.get(i, 0.0) for i in items])
        abc = abc_classes(value)
        cv = weekly_cv(matrix[:, -91:])
        xyz = xyz_classes(cv)
        self.flush_model()
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO boh_forecast_product_class AS c (store_id, product_id,
                    abc_class, xyz_class, annual_value, weekly_cv, company_id,
                    create_uid, create_date, write_uid, write_date)
                SELECT %(store)s, u.product_id, u.abc, u.xyz, u.value, u.cv,
                       %(company)s, %(uid)s, now() at time zone 'UTC', %(uid)s,
                       now() at time zone 'UTC'
                  FROM unnest(%(products)s::int[], %(abc)s::varchar[],
                              %(xyz)s::varchar[], %(value)s::float8[],
                              %(cv)s::float8[]) AS u(product_id, abc, xyz, value, cv)
                ON CONFLICT (store_id, product_id) DO UPDATE
                   SET abc_class = EXCLUDED.abc_class,
                       xyz_class = EXCLUDED.xyz_class,
                       annual_value = EXCLUDED.annual_value,
                       weekly_cv = EXCLUDED.weekly_cv,
                       write_date = EXCLUDED.write_date
                """,
                store=store.id,
                company=store.company_id.id,
                uid=self.env.uid,
                products=items.tolist(),
                abc=list(abc),
                xyz=list(xyz),
                value=[float(v) for v in value],
                cv=[float(c) if np.isfinite(c) else 99.0 for c in cv],
            )
        )
        self.invalidate_model()

    @api.model
    def _get_service_levels(self, pairs):
        """``{(store id, product id): level in (0, 1)}`` for the given pairs."""
        levels = self.env["boh.forecast.service.level"]._get_levels()
        store_ids = list({s for s, _p in pairs})
        product_ids = list({p for _s, p in pairs})
        out = {}
        # sudo: classes are read for order lines the user already sees
        for rec in self.sudo().search_read(
            [("store_id", "in", store_ids), ("product_id", "in", product_ids)],
            ["store_id", "product_id", "abc_class", "xyz_class"],
            load=None,
        ):
            out[(rec["store_id"], rec["product_id"])] = levels.get(
                (rec["abc_class"], rec["xyz_class"]), DEFAULT_SERVICE_LEVEL
            )
        return {pair: out.get(pair, DEFAULT_SERVICE_LEVEL) for pair in pairs}
