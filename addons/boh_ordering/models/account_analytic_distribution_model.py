from odoo import api, models

from .bulk_procurement import _cache


class AccountAnalyticDistributionModel(models.Model):
    _inherit = "account.analytic.distribution.model"

    @api.model
    def _get_distribution(self, vals):
        cache = _cache(self.env, "analytic")
        if cache is None:
            return super()._get_distribution(vals)
        key = (
            tuple(
                sorted(
                    (k, tuple(v) if isinstance(v, list | tuple) else v)
                    for k, v in vals.items()
                )
            ),
            self.env.su,
            self.env.uid,
        )
        if key not in cache:
            cache[key] = super()._get_distribution(vals)
        return dict(cache[key])
