import json
import threading
import time
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

from odoo.exceptions import UserError
from odoo.tests import common as odoo_test_common
from odoo.tools import mute_logger

from .common import ForecastCase

SLOW_SECONDS = 2.0


class WeatherHandler(BaseHTTPRequestHandler):
    """A small Open-Meteo compatible service: the path picks the answer."""

    requests_seen = []

    def do_GET(self):  # noqa: N802 - http.server's name
        url = urlparse(self.path)
        self.requests_seen.append(parse_qs(url.query))
        if url.path == "/slow":
            time.sleep(SLOW_SECONDS)
        if url.path == "/error":
            self._answer(503, b"busy")
            return
        payloads = {
            "/ok": {
                "daily": {
                    "time": ["2025-05-01", "2025-05-02", "2025-05-03"],
                    "temperature_2m_mean": [21.5, None, 18.0],
                    "precipitation_sum": [0.0, 1.0, None],
                }
            },
            "/slow": {"daily": {}},
            "/missing": {"daily": {"time": ["2025-05-01"]}},
            "/empty": {
                "daily": {
                    "time": [],
                    "temperature_2m_mean": [],
                    "precipitation_sum": [],
                }
            },
        }
        if url.path == "/garbage":
            self._answer(200, b"<html>not json</html>")
            return
        self._answer(200, json.dumps(payloads[url.path]).encode())

    def _answer(self, status, body):
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class TestWeatherService(ForecastCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server = ThreadingHTTPServer(("127.0.0.1", 0), WeatherHandler)
        cls.server.daemon_threads = True
        cls.port = cls.server.server_address[1]
        thread = threading.Thread(target=cls.server.serve_forever, daemon=True)
        thread.start()
        cls.addClassCleanup(cls.server.server_close)
        cls.addClassCleanup(cls.server.shutdown)
        cls.base = f"http://127.0.0.1:{cls.port}"
        cls.store_a.write({"latitude": 31.23, "longitude": 121.47})
        cls.env["ir.config_parameter"].sudo().set_param(
            "boh_forecast.weather_timeout", 0.5
        )

    @classmethod
    def _request_handler(cls, s, r, /, **kw):
        # Odoo's tests raise short timeouts to 10 s; the local service of this
        # test must keep the configured one.
        url = urlparse(r.url)
        if url.hostname == "127.0.0.1" and url.port == cls.port:
            return odoo_test_common._super_send(s, r, **kw)
        return super()._request_handler(s, r, **kw)

    def test_fetch_from_the_service(self):
        Weather = self.env["boh.weather.daily"]
        values = Weather._fetch_store(f"{self.base}/ok", self.store_a)
        # the store's position is sent; a day without temperature is skipped
        query = WeatherHandler.requests_seen[-1]
        self.assertEqual(query["latitude"], ["31.23"])
        self.assertEqual(query["daily"], ["temperature_2m_mean,precipitation_sum"])
        self.assertEqual(
            values, {date(2025, 5, 1): (21.5, 0.0), date(2025, 5, 3): (18.0, 0.0)}
        )
        rows = Weather.search([("store_id", "=", self.store_a.id)])
        self.assertEqual(len(rows), 2)
        # fetching again updates the same rows
        Weather._fetch_store(f"{self.base}/ok", self.store_a)
        self.assertEqual(Weather.search_count([("store_id", "=", self.store_a.id)]), 2)

    def test_timeout_and_bad_answers(self):
        Weather = self.env["boh.weather.daily"]
        cases = {
            "slow": "did not answer within 0.5 seconds",
            "error": "failed (503 Server Error",
            "garbage": "unexpected answer (JSONDecodeError",
            "missing": "unexpected answer (KeyError: 'temperature_2m_mean')",
            "empty": "returned no data",
        }
        for path, message in cases.items():
            with self.subTest(path=path):
                t0 = time.perf_counter()
                with self.assertRaises(UserError) as caught:
                    Weather._fetch_store(f"{self.base}/{path}", self.store_a)
                self.assertIn(message, str(caught.exception))
                self.assertIn(self.store_a.display_name, str(caught.exception))
                self.assertLess(time.perf_counter() - t0, SLOW_SECONDS)
        self.assertFalse(Weather.search([("store_id", "=", self.store_a.id)]))

    def test_cron_skips_a_failing_service(self):
        Weather = self.env["boh.weather.daily"]
        params = self.env["ir.config_parameter"].sudo()
        # off without a URL: the service is not called
        seen = len(WeatherHandler.requests_seen)
        Weather._cron_fetch()
        self.assertEqual(len(WeatherHandler.requests_seen), seen)
        params.set_param("boh_forecast.weather_url", f"{self.base}/garbage")
        with mute_logger("odoo.addons.boh_forecast.models.boh_weather_daily"):
            Weather._cron_fetch()
        self.assertFalse(Weather.search([]))
        params.set_param("boh_forecast.weather_url", f"{self.base}/ok")
        Weather._cron_fetch()
        self.assertEqual(Weather.search_count([("store_id", "=", self.store_a.id)]), 2)
