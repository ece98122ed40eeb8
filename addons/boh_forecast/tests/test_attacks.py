"""Attacks on the forecast documents: each one refused, nothing changed.

Classes of attack: writes of workflow fields and store moves (per model),
edits of forecast numbers, another store's records, writes by the executive
(read-only role), public methods called over RPC, bad input to the sales
JSON API (HTTP 400, nothing written) and to the sales and weather import.
"""

import base64
import json
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import ForecastCase

URL = "/boh_forecast/api/v1/demand"


class AttackCase(ForecastCase):
    """A finished run of stores A and B, exceptions of both, demand rows."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.kitchen = cls.env["boh.store"].create(
            {"name": "Attack Kitchen", "code": "AKT", "store_type": "kitchen"}
        )
        cls.warehouse = cls.env["boh.store"].create(
            {"name": "Attack Warehouse", "code": "AWH", "store_type": "warehouse"}
        )
        for store in cls.store_a | cls.store_b:
            cls._history(store, cls.p1, cls._weekly_pattern(6, 8.0))
        cls.fc_run = cls.env["boh.forecast.run"].create(
            {
                "date_origin": cls.ORIGIN,
                "horizon_days": 7,
                "store_ids": [(6, 0, (cls.store_a | cls.store_b).ids)],
            }
        )
        cls.fc_run.with_context(queue_job__no_delay=True).action_start()
        Forecast = cls.env["boh.forecast"]
        cls.fc_a = Forecast.search([("store_id", "=", cls.store_a.id)], limit=1)
        cls.fc_b = Forecast.search([("store_id", "=", cls.store_b.id)], limit=1)
        cls.job_a = cls.fc_run.run_store_ids.filtered(
            lambda j: j.store_id == cls.store_a
        )
        cls.exc_a, cls.exc_b = cls.env["boh.forecast.exception"].create(
            [
                {
                    "store_id": store.id,
                    "product_id": cls.p1.id,
                    "run_id": cls.fc_run.id,
                    "exception_type": "spike",
                    "reason": "Attack test",
                    "date": cls.ORIGIN,
                }
                for store in (cls.store_a, cls.store_b)
            ]
        )
        cls.demand_a = cls.Demand.search([("store_id", "=", cls.store_a.id)], limit=1)

    def _snapshot(self, record, fnames):
        record.invalidate_recordset()
        return record.read(fnames)[0]

    def assertRefused(self, record, user, vals, exc=AccessError):
        """``user`` writing ``vals`` on ``record`` is refused, nothing changes."""
        before = self._snapshot(record, list(vals))
        with self.assertRaises(exc), self.env.cr.savepoint():
            record.with_user(user).write(vals)
        self.assertEqual(self._snapshot(record, list(vals)), before)


@tagged("post_install", "-at_install")
class TestWorkflowFieldAttacks(AttackCase):
    def test_exception_fields_and_store_move(self):
        # 6 cases: state, store, product, run, type and reason
        self.assertRefused(self.exc_a, self.manager_a, {"state": "reviewed"})
        self.assertRefused(self.exc_a, self.manager_a, {"store_id": self.store_b.id})
        self.assertRefused(self.exc_a, self.buyer, {"product_id": self.p2.id})
        self.assertRefused(self.exc_a, self.buyer, {"run_id": False})
        self.assertRefused(self.exc_a, self.buyer, {"exception_type": "drop"})
        self.assertRefused(self.exc_a, self.area_1, {"reason": "Nothing to see"})
        # the button is the way
        self.exc_a.with_user(self.manager_a).action_mark_reviewed()
        self.assertEqual(self.exc_a.state, "reviewed")

    def test_run_fields(self):
        # 5 cases: state, counters, timings, trigger, a run created done
        self.assertEqual(self.fc_run.state, "done")
        self.assertRefused(self.fc_run, self.buyer, {"state": "draft"})
        self.assertRefused(
            self.fc_run, self.buyer, {"forecast_count": 0, "series_count": 99}
        )
        self.assertRefused(self.fc_run, self.buyer, {"date_finished": False})
        self.assertRefused(self.fc_run, self.buyer, {"trigger": "cron"})
        Run = self.env["boh.forecast.run"]
        count = Run.search_count([])
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            Run.with_user(self.buyer).create(
                {"date_origin": self.ORIGIN, "state": "done", "forecast_count": 5}
            )
        self.assertEqual(Run.search_count([]), count)

    def test_run_store_fields_and_store_move(self):
        # 4 cases: state, message and counters, timings, store move
        self.assertEqual(self.job_a.state, "done")
        self.assertRefused(self.job_a, self.buyer, {"state": "pending"})
        self.assertRefused(
            self.job_a, self.buyer, {"message": "fake", "series_count": 0}
        )
        self.assertRefused(self.job_a, self.buyer, {"duration": 0.0})
        self.assertRefused(self.job_a, self.buyer, {"store_id": self.store_c.id})

    def test_demand_store_moves(self):
        # 4 cases: store, product, date, source; the quantity stays editable
        self.assertRefused(self.demand_a, self.buyer, {"store_id": self.store_b.id})
        self.assertRefused(self.demand_a, self.buyer, {"product_id": self.p2.id})
        self.assertRefused(
            self.demand_a, self.buyer, {"date": fields.Date.to_date("2024-01-01")}
        )
        self.assertRefused(self.demand_a, self.buyer, {"source": "api"})
        self.demand_a.with_user(self.buyer).write({"qty": 4.0})
        self.assertEqual(self.demand_a.qty, 4.0)

    def test_job_of_a_buyer_still_runs(self):
        """The queue_job path as the user who queued it (a buyer)."""
        run = (
            self.env["boh.forecast.run"]
            .with_user(self.buyer)
            .create(
                {
                    "date_origin": self.ORIGIN,
                    "horizon_days": 7,
                    "store_ids": [(6, 0, self.store_a.ids)],
                }
            )
        )
        run.with_context(queue_job__no_delay=True).action_start()
        self.assertEqual(run.state, "done")
        self.assertTrue(run.forecast_count)
        self.assertEqual(run.run_store_ids.state, "done")


@tagged("post_install", "-at_install")
class TestForecastNumberAttacks(AttackCase):
    def test_forecast_numbers_are_the_engines(self):
        # 6 cases: qty, quantiles, current mark, model, store move, day
        self.assertRefused(self.fc_a, self.buyer, {"qty": 9999.0})
        self.assertRefused(self.fc_a, self.buyer, {"p10": 0.0, "p90": 1e6})
        self.assertRefused(self.fc_a, self.boh_admin, {"is_current": False})
        self.assertRefused(self.fc_a, self.buyer, {"model": "manual"})
        self.assertRefused(self.fc_a, self.buyer, {"store_id": self.store_b.id})
        self.assertRefused(
            self.fc_a, self.buyer, {"date": self.fc_a.date + timedelta(days=1)}
        )

    def test_forecast_rows_cannot_be_made_up(self):
        # 2 cases: a buyer's made-up row, a store manager's edit (no right)
        Forecast = self.env["boh.forecast"]
        count = Forecast.search_count([])
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            Forecast.with_user(self.buyer).create(
                {
                    "run_id": self.fc_run.id,
                    "store_id": self.store_a.id,
                    "product_id": self.p3.id,
                    "date": self.ORIGIN,
                    "qty": 500.0,
                    "company_id": self.store_a.company_id.id,
                }
            )
        self.assertEqual(Forecast.search_count([]), count)
        self.assertRefused(self.fc_a, self.manager_a, {"qty": 0.0})


@tagged("post_install", "-at_install")
class TestOtherStoreAttacks(AttackCase):
    def test_other_store_records(self):
        # 6 cases: review, details, forecast read, job read, demand read,
        # another store's closure
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self.exc_b.with_user(self.manager_a).action_mark_reviewed()
        self.assertEqual(self.exc_b.state, "open")
        with self.assertRaises(AccessError):
            self.exc_b.with_user(self.manager_a).action_open_details()
        with self.assertRaises(AccessError):
            self.fc_b.with_user(self.area_2).read(["qty"])
        with self.assertRaises(AccessError):
            self.job_a.with_user(self.manager_a).read(["state"])
        demand_b = self.Demand.search([("store_id", "=", self.store_b.id)], limit=1)
        with self.assertRaises(AccessError):
            demand_b.with_user(self.staff_a).read(["qty"])
        # 6th case: a closure of another store (no store rules before)
        Holiday = self.env["boh.forecast.holiday"]
        chain_day, closure_b = Holiday.create(
            [
                {"name": "Chain day", "date_from": self.ORIGIN, "date_to": self.ORIGIN},
                {
                    "name": "Closed B",
                    "holiday_type": "closure",
                    "store_id": self.store_b.id,
                    "date_from": self.ORIGIN,
                    "date_to": self.ORIGIN,
                },
            ]
        )
        seen = Holiday.with_user(self.staff_a).search(
            [("id", "in", [chain_day.id, closure_b.id])]
        )
        self.assertEqual(seen, chain_day)


@tagged("post_install", "-at_install")
class TestExecutiveAttacks(AttackCase):
    def test_executive_is_read_only(self):
        # one case a model: write, create and unlink refused, nothing changed
        records = {
            "boh.forecast": self.fc_a,
            "boh.demand.daily": self.demand_a,
            "boh.forecast.exception": self.exc_a,
            "boh.forecast.run": self.fc_run,
            "boh.forecast.run.store": self.job_a,
            "boh.forecast.product.class": self.env["boh.forecast.product.class"].search(
                [], limit=1
            ),
            "boh.forecast.accuracy": self.env["boh.forecast.accuracy"],
            "boh.forecast.promotion": self.env["boh.forecast.promotion"],
            "boh.forecast.holiday": self.env["boh.forecast.holiday"],
            "boh.weather.daily": self.env["boh.weather.daily"],
            "boh.forecast.service.level": self.env["boh.forecast.service.level"].search(
                [], limit=1
            ),
        }
        for model, record in records.items():
            Model = self.env[model].with_user(self.executive)
            count = self.env[model].search_count([])
            with self.subTest(model=model):
                self.assertTrue(Model.has_access("read"))
                for operation in ("write", "create", "unlink"):
                    self.assertFalse(Model.has_access(operation), operation)
                with self.assertRaises(AccessError), self.env.cr.savepoint():
                    Model.create({})
                if record:
                    with self.assertRaises(AccessError), self.env.cr.savepoint():
                        record.with_user(self.executive).unlink()
                self.assertEqual(self.env[model].search_count([]), count)
        self.assertRefused(self.fc_run, self.executive, {"name": "Renamed"})
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self.exc_a.with_user(self.executive).action_mark_reviewed()
        self.assertEqual(self.exc_a.state, "open")


@tagged("post_install", "-at_install")
class TestPublicMethodAttacks(AttackCase):
    def test_api_key_regenerated_by_a_non_admin(self):
        key = self.env["boh.forecast.api.key"].create({"name": "Attack POS"})
        key.action_generate_key()
        index = key.key_index
        for user in (self.manager_a, self.buyer, self.executive):
            # refused on the key itself, before anything is written
            with (
                self.assertRaisesRegex(AccessError, r"\(boh\.forecast\.api\.key\)"),
                self.env.cr.savepoint(),
            ):
                key.with_user(user).action_generate_key()
        key.invalidate_recordset()
        self.assertEqual(key.key_index, index)

    def test_demo_loader_for_administrators_only(self):
        param = self.env["ir.config_parameter"].sudo()
        before = param.get_param("boh_base.demo_chain")
        count = self.Demand.search_count([])
        for user in (self.manager_a, self.buyer):
            with self.assertRaises(AccessError), self.env.cr.savepoint():
                self.env["boh.demo.loader"].with_user(user).load_forecast_demo()
        self.assertEqual(param.get_param("boh_base.demo_chain"), before)
        self.assertEqual(self.Demand.search_count([]), count)


@tagged("post_install", "-at_install")
class TestImportAttacks(AttackCase):
    def _wizard(self, content, kind="sales", user=None):
        user = user or self.buyer
        return (
            self.env["boh.demand.import.wizard"]
            .with_user(user)
            .create(
                {
                    "import_type": kind,
                    "file": base64.b64encode(content.encode()),
                    "filename": f"{kind}.csv",
                }
            )
        )

    def test_bad_sales_rows(self):
        good = "TSA,FC-2,2025-04-01,2"
        cases = {
            "AKT,FC-2,2025-04-01,2": ("Row 3", "central warehouse or kitchen"),
            "AWH,FC-2,2025-04-01,2": ("Row 3", "central warehouse or kitchen"),
            "TSA,FC-2,2025-04-01,1e300": ("Row 3: qty", "out of range"),
            "TSA,FC-2,2025-04-01,nan": ("Row 3: qty", "finite"),
            "TSA,FC-2,2025-04-01,inf": ("Row 3: qty", "finite"),
            "TSA,FC-2,2025-04-01,-3": ("Row 3: qty", "at least"),
            "TSA,FC-2,1999-12-31,2": ("Row 3: date", "outside"),
            "TSA,FC-2,2199-01-01,2": ("Row 3: date", "outside"),
            "TSA,FC-2,not a date,2": ("Row 3: date", "must be a date"),
            "TSA,FC-2,2999-99-99,2": ("Row 3: date", "must be a date"),
        }
        before = self.Demand.search_count([])
        for row, (where, what) in cases.items():
            with self.subTest(row=row):
                wizard = self._wizard(f"store,product,date,qty\n{good}\n{row}\n")
                with self.assertRaisesRegex(UserError, f"{where}.*{what}"):
                    wizard.action_import()
                self.assertEqual(self.Demand.search_count([]), before)

    def test_bad_ids_and_other_company(self):
        other = self.env["res.company"].create({"name": "Attack Other Chain"})
        other_store = (
            self.env["boh.store"]
            .with_company(other)
            .create({"name": "Attack Other", "code": "AOT", "company_id": other.id})
        )
        cases = {
            "abc": "store_id must be the id of a record",
            "3.5": "store_id must be the id of a record",
            "-4": "store_id must be the id of a record",
            str(other_store.id): "unknown or not one of yours",
            str(self.kitchen.id): "central warehouse or kitchen",
        }
        before = self.Demand.search_count([])
        for value, what in cases.items():
            with self.subTest(value=value):
                wizard = self._wizard(
                    f"store_id,store,product,date,qty\n{value},,FC-2,2025-04-01,2\n"
                )
                with self.assertRaisesRegex(UserError, f"Row 2.*{what}"):
                    wizard.action_import()
                self.assertEqual(self.Demand.search_count([]), before)

    def test_bad_weather_rows(self):
        Weather = self.env["boh.weather.daily"]
        cases = {
            "AKT,2025-04-01,20,0": "AKT is not one of your stores",
            "TSA,2025-04-01,nan,0": "temperature must be a finite",
            "TSA,2025-04-01,1e300,0": "temperature is out of range",
            "TSA,2025-04-01,20,-5": "rain_mm must be at least",
            "TSA,1900-04-01,20,0": "date 1900-04-01 is outside",
        }
        for row, what in cases.items():
            with self.subTest(row=row):
                wizard = self._wizard(
                    f"store,date,temperature,rain_mm\n{row}\n", kind="weather"
                )
                with self.assertRaisesRegex(UserError, f"Row 2: {what}"):
                    wizard.action_import()
                self.assertFalse(Weather.search_count([]))


@tagged("post_install", "-at_install")
class TestApiAttacks(HttpCase, AttackCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the key sends as store A's manager: store B is not one of its stores
        cls.api_key = cls.env["boh.forecast.api.key"].create(
            {"name": "Attack POS", "user_id": cls.manager_a.id}
        )
        action = cls.api_key.action_generate_key()
        cls.key = cls.env["boh.forecast.api.key.show"].browse(action["res_id"]).key

    def setUp(self):
        super().setUp()
        self.authenticate(None, None)

    def _post(self, lines):
        body = {"idempotency_key": "attack", "lines": lines}
        return self.url_open(
            URL,
            # allow_nan: NaN and Infinity as a careless client sends them
            data=json.dumps(body, allow_nan=True),
            headers={
                "Content-Type": "application/json",
                "Authorization": f"Bearer {self.key}",
            },
        )

    def _written(self):
        return (
            self.Demand.search_count([("source", "=", "api")]),
            self.env["boh.demand.import.batch"].search_count([]),
        )

    @mute_logger("odoo.http")
    def test_bad_lines_refuse_the_batch(self):
        good = {"store": "TSA", "product": "FC-2", "date": "2025-04-01", "qty": 2}
        tomorrow = fields.Date.context_today(self.Demand) + timedelta(days=3)
        cases = [
            ({"store": "AKT"}, "store", "central warehouse or kitchen"),
            ({"store": None, "store_id": self.warehouse.id}, "store_id", "kitchen"),
            ({"qty": 1e300}, "qty", "out of range"),
            ({"qty": float("nan")}, "qty", "finite"),
            ({"qty": float("inf")}, "qty", "finite"),
            ({"qty": float("-inf")}, "qty", "finite"),
            ({"qty": -1}, "qty", "at least"),
            ({"qty": "12 boxes"}, "qty", "must be a number"),
            ({"qty": [3]}, "qty", "must be a number"),
            ({"date": "1999-12-31"}, "date", "outside"),
            ({"date": "2300-01-01"}, "date", "outside"),
            ({"date": str(tomorrow)}, "date", "in the future"),
            ({"date": 20250401}, "date", "must be a date"),
            ({"store": None, "store_id": "abc"}, "store_id", "id of a record"),
            ({"store": None, "store_id": 1.5}, "store_id", "id of a record"),
            ({"store": None, "store_id": True}, "store_id", "id of a record"),
            ({"store": None, "store_id": 2**40}, "store_id", "id of a record"),
            ({"product": None, "product_id": "x"}, "product_id", "id of a record"),
            ({"product": None, "product_id": [1]}, "product_id", "id of a record"),
            # another store's id and code: unknown to the key's user
            ({"store": None, "store_id": self.store_b.id}, "store_id", "not one of"),
            ({"store": "TSB"}, "store", "not one of yours"),
            ({"store": {"code": "TSA"}}, "store", "not one of yours"),
            ({"stockout": "maybe"}, "stockout", "true or false"),
        ]
        for change, field, what in cases:
            with self.subTest(change=change):
                line = {**good, **change}
                res = self._post([good, line])
                self.assertEqual(res.status_code, 400, res.text)
                body = res.json()
                self.assertIn("No line was written", body["error"])
                [error] = body["errors"]
                self.assertEqual((error["line"], error["field"]), (2, field))
                self.assertIn("Row 2", error["message"])
                self.assertIn(what, error["message"])
                self.assertEqual(self._written(), (0, 0))
        # the same batch with good lines only goes through
        res = self._post([good])
        self.assertEqual(res.status_code, 200, res.text)
        self.assertEqual(self._written(), (1, 1))

    @mute_logger("odoo.http")
    def test_bad_bodies(self):
        # 3 cases: not an object per line, huge integer, NaN in the key
        for lines in (["oops"], [{"qty": 10**400}], 7):
            with self.subTest(lines=lines):
                res = self._post(lines)
                self.assertEqual(res.status_code, 400, res.text)
                self.assertIn("error", res.json())
                self.assertEqual(self._written(), (0, 0))
