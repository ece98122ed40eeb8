import json

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import ForecastCase

URL = "/boh_forecast/api/v1/demand"


@tagged("post_install", "-at_install")
class TestDemandApi(HttpCase, ForecastCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.api_key = cls.env["boh.forecast.api.key"].create({"name": "Test POS"})
        action = cls.api_key.action_generate_key()
        cls.key = cls.env["boh.forecast.api.key.show"].browse(action["res_id"]).key
        other = cls.env["res.company"].create({"name": "Other Chain"})
        cls.other_store = (
            cls.env["boh.store"]
            .with_company(other)
            .create({"name": "Other Store", "code": "OTH", "company_id": other.id})
        )

    def setUp(self):
        super().setUp()
        self.authenticate(None, None)

    def _post(self, body, key=None):
        headers = {"Content-Type": "application/json"}
        if key is not False:
            headers["Authorization"] = f"Bearer {key or self.key}"
        data = body if isinstance(body, str) else json.dumps(body)
        return self.url_open(URL, data=data, headers=headers)

    def _lines(self, qty=3):
        return [
            {"store": "TSA", "product": "FC-1", "date": "2025-04-01", "qty": qty},
            {
                "store": "TSB",
                "product": "FC-2",
                "date": "2025-04-01",
                "qty": 2,
                "stockout": True,
            },
        ]

    def _api_total(self):
        rows = self.Demand.search([("source", "=", "api")])
        return sum(rows.mapped("qty")), len(rows)

    def test_batch_written_once(self):
        res = self._post({"idempotency_key": "b1", "lines": self._lines()})
        self.assertEqual(res.status_code, 200, res.text)
        self.assertEqual(res.json()["rows_changed"], 2)
        self.assertEqual(self._api_total(), (5.0, 2))
        again = self._post({"idempotency_key": "b1", "lines": self._lines()})
        self.assertEqual(again.status_code, 200)
        self.assertTrue(again.json()["replayed"])
        # the same days under a new key replace, never add
        other = self._post({"idempotency_key": "b2", "lines": self._lines()})
        self.assertEqual(other.json()["rows_changed"], 0)
        self.assertEqual(self._api_total(), (5.0, 2))
        conflict = self._post({"idempotency_key": "b1", "lines": self._lines(qty=9)})
        self.assertEqual(conflict.status_code, 409)
        self.assertEqual(self._api_total(), (5.0, 2))
        self.assertTrue(self.api_key.last_used)

    def test_authentication(self):
        body = {"idempotency_key": "k", "lines": self._lines()}
        self.assertEqual(self._post(body, key=False).status_code, 401)
        self.assertEqual(self._post(body, key="boh_0000_wrong").status_code, 401)
        self.assertEqual(self._post(body, key=self.key + "x").status_code, 401)
        self.api_key.active = False
        self.assertEqual(self._post(body).status_code, 401)
        self.assertEqual(self._api_total(), (0, 0))

    def test_bad_payloads(self):
        self.assertEqual(self._post("{not json").status_code, 400)
        self.assertEqual(self._post([1, 2]).status_code, 400)
        self.assertEqual(self._post({"lines": self._lines()}).status_code, 400)
        self.assertEqual(
            self._post({"idempotency_key": "x", "lines": []}).status_code, 400
        )
        lines = self._lines() + [
            {"store": "OTH", "product": "FC-1", "date": "2025-04-01", "qty": 1},
            {"store": "TSA", "product": "FC-1", "date": "2025-13-01", "qty": 1},
            {"store": "TSA", "product": "FC-1", "date": "2025-04-02", "qty": None},
            "oops",
        ]
        res = self._post({"idempotency_key": "bad", "lines": lines})
        self.assertEqual(res.status_code, 400)
        errors = {(e["line"], e["field"]) for e in res.json()["errors"]}
        # another company's store is unknown to this key
        self.assertEqual(errors, {(3, "store"), (4, "date"), (5, "qty"), (6, "")})
        self.assertEqual(self._api_total(), (0, 0))
        # the refused key can be used for a corrected batch
        ok = self._post({"idempotency_key": "bad", "lines": self._lines()})
        self.assertEqual(ok.status_code, 200)

    def test_batch_with_amount(self):
        """Lines may carry the day's net sales; a bad amount refuses all."""
        lines = self._lines()
        lines[0]["amount"] = 27.25
        bad = [dict(lines[0], amount="abc"), dict(lines[1], amount=-3)]
        res = self._post({"idempotency_key": "amt-bad", "lines": bad})
        self.assertEqual(res.status_code, 400)
        errors = {(e["line"], e["field"]) for e in res.json()["errors"]}
        self.assertEqual(errors, {(1, "amount"), (2, "amount")})
        self.assertEqual(self._api_total(), (0, 0))
        res = self._post({"idempotency_key": "amt", "lines": lines})
        self.assertEqual(res.status_code, 200, res.text)
        rows = self.Demand.search([("source", "=", "api")])
        amounts = {r.product_id.default_code: r.amount for r in rows}
        self.assertEqual(amounts, {"FC-1": 27.25, "FC-2": 0.0})

    @mute_logger("odoo.http")
    def test_wrong_method(self):
        res = self.url_open(URL)
        self.assertEqual(res.status_code, 405)
