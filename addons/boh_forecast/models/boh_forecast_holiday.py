from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class BohForecastHoliday(models.Model):
    """A public holiday (country, optionally region) or a store closure.

    Holidays are a driver of the forecast; closure days are censored in the
    history (nothing could be sold) and forecast at zero.
    """

    _name = "boh.forecast.holiday"
    _description = "BOH Holiday or Closure"
    _order = "date_from desc"

    name = fields.Char(required=True)
    holiday_type = fields.Selection(
        [("public", "Public Holiday"), ("closure", "Store Closure")],
        string="Type",
        required=True,
        default="public",
    )
    date_from = fields.Date(string="From", required=True)
    date_to = fields.Date(string="To", required=True)
    country_id = fields.Many2one(
        "res.country", help="Leave empty for every country of the chain."
    )
    state_id = fields.Many2one(
        "res.country.state",
        string="Region",
        domain="[('country_id', '=?', country_id)]",
        help="Only stores in this state or province.",
    )
    store_id = fields.Many2one(
        "boh.store",
        domain=[("store_type", "=", "store")],
        help="The store closed on those days.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    @api.constrains("date_from", "date_to", "holiday_type", "store_id")
    def _check_holiday(self):
        for holiday in self:
            if holiday.date_to < holiday.date_from:
                raise ValidationError(
                    _(
                        "Holiday %(name)s: the end date is before the start date.",
                        name=holiday.name,
                    )
                )
            if holiday.holiday_type == "closure" and not holiday.store_id:
                raise ValidationError(
                    _(
                        "Closure %(name)s: choose the store that is closed.",
                        name=holiday.name,
                    )
                )

    @api.model
    def _get_store_days(self, store, date_from, date_to):
        """(holiday dates, closure dates) of ``store`` between the dates."""
        country = store.partner_id.country_id or store.company_id.country_id
        region = store.partner_id.state_id
        records = self.search(
            [
                ("date_from", "<=", date_to),
                ("date_to", ">=", date_from),
                ("company_id", "=", store.company_id.id),
            ]
        )
        holidays, closures = set(), set()
        for rec in records:
            if rec.holiday_type == "closure":
                if rec.store_id != store:
                    continue
                target = closures
            else:
                if rec.country_id and rec.country_id != country:
                    continue
                if rec.state_id and rec.state_id != region:
                    continue
                target = holidays
            day = max(rec.date_from, date_from)
            while day <= min(rec.date_to, date_to):
                target.add(day)
                day += timedelta(days=1)
        return holidays, closures
