import json

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import FoodCostCase

PASSWORD = "food_cost_pw_1"


@tagged("post_install", "-at_install")
class TestFoodCostSecurity(HttpCase, FoodCostCase):
    """Who sees and computes which periods, and attacks over JSON-RPC."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sell(cls.store_a, [(1, cls.burger, 5, 40)])
        cls.sell(cls.store_c, [(1, cls.burger, 3, 24)])
        cls.period_a = cls._period(cls.store_a)
        cls.period_b = cls._period(cls.store_b)
        cls.period_c = cls._period(cls.store_c)
        (cls.period_a | cls.period_c).action_compute()
        for user in (cls.staff_a, cls.manager_a, cls.manager_b):
            user.password = PASSWORD

    @classmethod
    def _period(cls, store):
        opening = cls.make_count(store, 0, [(cls.patty, 10)])
        closing = cls.make_count(store, 6, [(cls.patty, 8)])
        return cls.Period.create(
            {
                "store_id": store.id,
                "opening_count_id": opening.id,
                "closing_count_id": closing.id,
            }
        )

    def _visible(self, user, model="boh.food.cost.period"):
        return (
            self.env[model]
            .with_user(user)
            .search([])
            .filtered(lambda r: r.store_id in self.test_stores)
            .store_id
        )

    def test_role_scoping(self):
        a, b, c = self.store_a, self.store_b, self.store_c
        expected = {
            self.staff_a: a,
            self.manager_a: a,
            self.manager_b: b,
            self.area_1: a | b,
            self.area_2: c,
            self.buyer: a | b | c,
            self.executive: a | b | c,
            self.boh_admin: a | b | c,
        }
        for user, stores in expected.items():
            self.assertEqual(self._visible(user), stores, user.login)
            for model in (
                "boh.food.cost.line",
                "boh.usage.theoretical",
                "boh.menu.engineering",
            ):
                self.assertLessEqual(self._visible(user, model), stores, user.login)
        # the lines a store manager sees are all of their own store
        self.assertTrue(self._visible(self.manager_a, "boh.food.cost.line"))
        self.assertTrue(self._visible(self.area_2, "boh.usage.theoretical"))

    def test_compute_store_manager_and_above(self):
        for user in (self.staff_a, self.executive):
            with self.assertRaises(AccessError):
                self.period_b.with_user(user).action_compute()
        self.assertEqual(self.period_b.state, "draft")
        # another store's manager
        with self.assertRaises(AccessError):
            self.period_b.with_user(self.manager_a).action_compute()
        self.assertEqual(self.period_b.state, "draft")
        self.period_b.with_user(self.area_1).action_compute()
        self.assertEqual(self.period_b.state, "computed")

    # ------------------------------------------------------------------
    # JSON-RPC attacks
    # ------------------------------------------------------------------
    def _call(self, model, method, args, kwargs=None):
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": 1,
            "params": {
                "model": model,
                "method": method,
                "args": args,
                "kwargs": kwargs or {},
            },
        }
        response = self.url_open(
            f"/web/dataset/call_kw/{model}/{method}",
            data=json.dumps(payload),
            headers={"Content-Type": "application/json"},
        )
        body = response.json()
        if "error" in body:
            return None, body["error"]["data"]["name"]
        return body["result"], None

    def _refused(self, model, method, args, kwargs=None):
        result, error = self._call(model, method, args, kwargs)
        self.assertIn(
            error,
            ("odoo.exceptions.AccessError", "odoo.exceptions.ValidationError"),
            f"{model}.{method}{args} was not refused: {result}",
        )

    @mute_logger("odoo.http")
    def test_rpc_attacks(self):
        self.authenticate(self.manager_a.login, PASSWORD)
        Period, Line = "boh.food.cost.period", "boh.food.cost.line"
        before = self.period_a.read(["store_id", "food_cost_pct", "state", "net_sales"])
        lines_before = self.period_a.line_ids.read(["variance_qty", "suspect"])
        other = self.period_c.id
        # another store's period: read, compute, reset, delete
        self._refused(Period, "read", [[other], ["net_sales"]])
        self._refused(Period, "action_compute", [[other]])
        self._refused(Period, "action_reset_draft", [[other]])
        self._refused(Period, "unlink", [[other]])
        self._refused(Line, "read", [self.period_c.line_ids.ids, ["variance_qty"]])
        # computed fields of one's own period and lines
        self._refused(Period, "write", [[self.period_a.id], {"food_cost_pct": 1.0}])
        self._refused(Period, "write", [[self.period_a.id], {"state": "draft"}])
        self._refused(
            Line, "write", [self.period_a.line_ids.ids, {"variance_qty": 0.0}]
        )
        self._refused(
            Line,
            "create",
            [{"period_id": self.period_a.id, "store_id": self.store_a.id}],
        )
        # moving one's period to another store, or onto its counts
        self._refused(
            Period, "write", [[self.period_a.id], {"store_id": self.store_c.id}]
        )
        self._refused(
            Period,
            "create",
            [
                {
                    "store_id": self.store_a.id,
                    "opening_count_id": self.period_c.opening_count_id.id,
                    "closing_count_id": self.period_c.closing_count_id.id,
                }
            ],
        )
        self._refused(
            Period,
            "create",
            [
                {
                    "store_id": self.store_c.id,
                    "opening_count_id": self.period_c.opening_count_id.id,
                    "closing_count_id": self.period_c.closing_count_id.id,
                }
            ],
        )
        # the theoretical usage: only administrators recompute it
        self._refused("boh.usage.theoretical", "action_recompute_all", [])
        self.env.invalidate_all()
        self.assertEqual(
            self.period_a.read(["store_id", "food_cost_pct", "state", "net_sales"]),
            before,
        )
        self.assertEqual(
            self.period_a.line_ids.read(["variance_qty", "suspect"]), lines_before
        )
        self.assertEqual(self.period_c.state, "computed")
        self.assertEqual(self.Period.search_count([]), 3)
        # staff may read their store's period but not compute it
        self.authenticate(self.staff_a.login, PASSWORD)
        result, error = self._call(Period, "read", [[self.period_a.id], ["name"]])
        self.assertFalse(error)
        self._refused(Period, "action_compute", [[self.period_a.id]])
