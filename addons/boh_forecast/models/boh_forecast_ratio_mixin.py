from odoo import models
from odoo.tools import SQL


class BohForecastRatioMixin(models.AbstractModel):
    """Ratio measures of pivots and graphs, computed from a group's sums.

    ``_boh_ratios`` maps a ratio field to its (numerator, denominator)
    fields: a group shows ``sum(numerator) / sum(denominator)``, never an
    average of its rows' ratios.
    """

    _name = "boh.forecast.ratio.mixin"
    _description = "BOH Ratio Measures"
    _boh_ratios = {}

    def _read_group_select(self, aggregate_spec, query):
        fname = aggregate_spec.split(":")[0]
        if fname in self._boh_ratios and aggregate_spec != "__count":
            num, den = self._boh_ratios[fname]
            return SQL(
                "SUM(%s) / NULLIF(SUM(%s), 0)",
                self._field_to_sql(self._table, num, query),
                self._field_to_sql(self._table, den, query),
            )
        return super()._read_group_select(aggregate_spec, query)
