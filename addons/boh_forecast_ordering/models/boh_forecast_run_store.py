from odoo import models


class BohForecastRunStore(models.Model):
    _inherit = "boh.forecast.run.store"

    def _refresh_measures(self, store, origin, horizon):
        """Also the value added by the store's overrides of the suggestions."""
        res = super()._refresh_measures(store, origin, horizon)
        self.env["boh.forecast.value.added"]._refresh(store, origin)
        return res
