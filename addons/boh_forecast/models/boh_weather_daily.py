import logging
from datetime import date

import requests

from odoo import _, api, fields, models
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)

WEATHER_TIMEOUT = 15


class BohWeatherDaily(models.Model):
    """Mean temperature and rain of a store's town per day (a forecast driver)."""

    _name = "boh.weather.daily"
    _description = "BOH Daily Weather"
    _order = "date desc, store_id"
    _rec_name = "date"

    store_id = fields.Many2one("boh.store", required=True, index=True)
    date = fields.Date(required=True, index=True)
    temperature = fields.Float(string="Temperature (°C)")
    rain_mm = fields.Float(string="Rain (mm)")
    company_id = fields.Many2one(related="store_id.company_id", store=True, index=True)

    _sql_constraints = [
        ("store_date_unique", "unique(store_id, date)", "One weather row a day."),
    ]

    @api.model
    def _get_store_temperatures(self, store, date_from, date_to):
        rows = self.search_read(
            [
                ("store_id", "=", store.id),
                ("date", ">=", date_from),
                ("date", "<=", date_to),
            ],
            ["date", "temperature"],
        )
        return {row["date"]: row["temperature"] for row in rows}

    @api.model
    def _store_values(self, store, values):
        """Create or update rows from ``{date: (temperature, rain)}``."""
        existing = {
            rec.date: rec
            for rec in self.search(
                [("store_id", "=", store.id), ("date", "in", list(values))]
            )
        }
        new = []
        for day, (temperature, rain) in values.items():
            vals = {"temperature": temperature, "rain_mm": rain}
            if day in existing:
                existing[day].write(vals)
            else:
                new.append({"store_id": store.id, "date": day, **vals})
        self.create(new)

    @api.model
    def _cron_fetch(self):
        """Fetch yesterday's and the coming days' weather, when enabled.

        Off by default (system parameter ``boh_forecast.weather_url``): an
        Open-Meteo compatible service is called with each store's position.
        A store whose call fails is logged and skipped.
        """
        url = (
            self.env["ir.config_parameter"].sudo().get_param("boh_forecast.weather_url")
        )
        if not url:
            return
        stores = self.env["boh.store"].search(
            [("store_type", "=", "store"), ("latitude", "!=", 0)]
        )
        for store in stores:
            try:
                with self.env.cr.savepoint():
                    self._fetch_store(url, store)
            except UserError as exc:
                _logger.warning("BOH weather of store %s: %s", store.code, exc)

    @api.model
    def _get_weather_timeout(self):
        return float(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("boh_forecast.weather_timeout", WEATHER_TIMEOUT)
        )

    @api.model
    def _fetch_store(self, url, store):
        """Read the store's daily weather from the service; returns
        ``{date: (temperature, rain)}``.  A timeout, an HTTP error or an
        answer without the expected daily series raises a UserError naming
        the store and the service; nothing is written then."""
        timeout = self._get_weather_timeout()
        try:
            response = requests.get(
                url,
                params={
                    "latitude": store.latitude,
                    "longitude": store.longitude,
                    "daily": "temperature_2m_mean,precipitation_sum",
                    "past_days": 2,
                    "forecast_days": 14,
                    "timezone": store.tz or "UTC",
                },
                timeout=timeout,
            )
            response.raise_for_status()
        except requests.Timeout as exc:
            raise UserError(
                _(
                    "Weather of store %(store)s: the service %(url)s did not answer"
                    " within %(seconds)s seconds.",
                    store=store.display_name,
                    url=url,
                    seconds=timeout,
                )
            ) from exc
        except requests.RequestException as exc:
            raise UserError(
                _(
                    "Weather of store %(store)s: the service %(url)s failed"
                    " (%(error)s).",
                    store=store.display_name,
                    url=url,
                    error=exc,
                )
            ) from exc
        try:
            daily = response.json()["daily"]
            values = {}
            for day, temp, rain in zip(
                daily["time"],
                daily["temperature_2m_mean"],
                daily["precipitation_sum"],
                strict=True,
            ):
                if temp is None:
                    continue
                values[date.fromisoformat(day)] = (float(temp), float(rain or 0.0))
        except (ValueError, KeyError, TypeError) as exc:
            raise UserError(
                _(
                    "Weather of store %(store)s: the service %(url)s gave an"
                    " unexpected answer (%(error)s); expected daily time,"
                    " temperature_2m_mean and precipitation_sum.",
                    store=store.display_name,
                    url=url,
                    error=type(exc).__name__ + ": " + str(exc),
                )
            ) from exc
        if not values:
            raise UserError(
                _(
                    "Weather of store %(store)s: the service %(url)s returned no data.",
                    store=store.display_name,
                    url=url,
                )
            )
        self._store_values(store, values)
        return values
