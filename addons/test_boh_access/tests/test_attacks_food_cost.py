"""Attacks on the food cost addons over JSON-RPC, as the roles an
administrator makes: another store's food cost, workflow fields written
directly, recipe costs and recipes, another supplier's statement, the booked
food cost of other stores, the executive's buttons, bad numbers.

Each attack is refused with one of Odoo's errors and changes nothing; a
control shows the same call working where the role may make it."""

import logging
import re
from collections import Counter

from odoo.tests import HttpCase, tagged

from .attacks_statement import STATEMENT, StatementAttacks
from .common import STORE_ROLES, load_access_chain, scope_of
from .rpc import CLEAR_ERRORS, RpcMixin

_logger = logging.getLogger(__name__)
# The store-owned documents of the food cost addons, and their store field.
STORE_DOCUMENTS = {
    "boh.food.cost.period": "store_id",
    "boh.food.cost.line": "store_id",
    "boh.food.cost.waste": "store_id",
    "boh.menu.engineering": "store_id",
    "boh.usage.theoretical": "store_id",
    "boh.forecast.recipe.choice": "store_id",
    "account.analytic.line": "boh_store_id",
}
PERIOD = "boh.food.cost.period"
# The recipe costs of a dish (boh_recipe), store staff excluded.
COST_FIELDS = (
    "boh_recipe_cost",
    "boh_food_cost_pct",
    "boh_margin",
    "boh_below_target",
    "boh_cost_missing",
    "boh_cost_missing_product_ids",
)
# Yields and target food costs out of range: 0 < yield <= 100, 0 <= target
# <= 100.
# numbers an RPC client can send that a form cannot: NaN, infinities, text
BAD_YIELDS = (-5.0, 0.0, 150.0, "nan", "inf", "-inf", 1e308, "abc")
BAD_TARGETS = (-5.0, 101.0, "nan", "inf", 1e308, "abc")


@tagged("post_install", "-at_install")
class TestFoodCostAttacks(StatementAttacks, RpcMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_access_chain(cls)
        cls.supplier = cls.supplier_users[:1]
        cls.supplier.password = "supplier_access_pw"
        cls.partner = cls.supplier.commercial_partner_id
        cls.dish = cls.env["product.product"].search(
            [("default_code", "=like", "BOH-MENU-%"), ("sale_ok", "=", True)],
            order="default_code",
            limit=1,
        )
        cls.bom = cls.dish.bom_ids[:1]
        cls.own_period = cls.periods.filtered(lambda p: p.store_id == cls.own_store)
        cls.counts = Counter()

    @classmethod
    def tearDownClass(cls):
        _logger.info("food cost attacks: %s", dict(sorted(cls.counts.items())))
        super().tearDownClass()

    def _foreign(self, name, role, limit=5):
        """Records of ``name`` of stores outside the role's."""
        fname = STORE_DOCUMENTS[name]
        return (
            self.env[name]
            .sudo()
            .search(
                [(fname, "not in", scope_of(self, role).ids), (fname, "!=", False)],
                limit=limit,
            )
        )

    def _unchanged(self, records, fnames, attack):
        """Run ``attack`` and check the records' ``fnames`` did not change."""
        before = [self._snapshot(record, fnames) for record in records]
        attack()
        self.assertEqual([self._snapshot(r, fnames) for r in records], before)

    # -- another store's food cost -------------------------------------------
    def test_other_stores_food_cost(self):
        """search_read, read, write (moving it home) and unlink of another
        store's periods, lines, waste, menu engineering, theoretical usage,
        forecast sources and booked food cost."""
        for role in STORE_ROLES:
            self._login(role)
            home = scope_of(self, role)[:1]
            for name, fname in STORE_DOCUMENTS.items():
                foreign = self._foreign(name, role)
                self.assertTrue(foreign, f"no {name} outside the stores of {role}")
                with self.subTest(role=role, model=name):
                    result, error = self._call(
                        name,
                        "search_read",
                        [[["id", "in", foreign.ids]]],
                        {"fields": ["id"]},
                    )
                    self.assertIn(error, (None, *CLEAR_ERRORS))
                    self.assertFalse(result, f"{role} finds another store's {name}")
                    self._refused(name, "read", [foreign.ids, ["id", fname]])
                    self._unchanged(
                        foreign,
                        [fname],
                        lambda n=name, f=fname, r=foreign, h=home: self._refused(
                            n, "write", [r.ids, {f: h.id}]
                        ),
                    )
                    self._refused(name, "unlink", [foreign.ids])
                    self.assertEqual(foreign.exists(), foreign)
                self.counts[f"other store: {role}"] += 4

    def test_other_stores_period_buttons(self):
        fnames = ["state", "computed_date", "net_sales", "food_cost_pct"]
        for role in ("store_manager", "area_manager"):
            self._login(role)
            foreign = self._foreign(PERIOD, role)
            lines = foreign.line_ids
            for period in foreign:
                for method in ("action_compute", "action_reset_draft"):
                    with self.subTest(role=role, method=method):
                        self._unchanged(
                            period,
                            fnames,
                            lambda p=period, m=method: self._refused(
                                PERIOD, m, [p.ids]
                            ),
                        )
                    self.counts[f"other store buttons: {role}"] += 1
                # Its navigation opens lists that show the user nothing.
                for method in ("action_view_lines", "action_view_menu"):
                    with self.subTest(role=role, method=method):
                        action, error = self._call(PERIOD, method, [period.ids])
                        if not error:
                            result, error = self._call(
                                action["res_model"],
                                "search_read",
                                [action["domain"]],
                                {"fields": ["id"]},
                            )
                            self.assertEqual(result, [])
                        self.assertIn(error, (None, *CLEAR_ERRORS))
                    self.counts[f"other store buttons: {role}"] += 1
            self.assertEqual(foreign.line_ids, lines, "lines deleted or remade")
            line = self._foreign("boh.food.cost.line", role, limit=1)
            for method in (
                "action_view_counts",
                "action_view_receipts",
                "action_view_transfers",
                "action_view_waste",
                "action_view_dish_sales",
            ):
                with self.subTest(role=role, method=method):
                    self._refused("boh.food.cost.line", method, [line.ids])
                self.counts[f"other store buttons: {role}"] += 1

    def test_store_staff_compute_nothing(self):
        period = self.own_period
        lines = period.line_ids
        self._login("store_user")
        for method in ("action_compute", "action_reset_draft"):
            with self.subTest(method=method):
                self._unchanged(
                    period,
                    ["state", "computed_date"],
                    lambda m=method: self._refused(PERIOD, m, [period.ids]),
                )
            self.counts["store staff buttons"] += 1
        self.assertEqual(period.line_ids, lines)
        # The control: the store's manager resets and computes it.
        self._login("store_manager")
        for method, state in (("action_reset_draft", "draft"), ("action_compute", "")):
            _result, error = self._call(PERIOD, method, [period.ids])
            self.assertIsNone(error, self.error_message)
            period.invalidate_recordset()
            self.assertEqual(period.state, state or "computed")

    # -- workflow fields written directly --------------------------------------
    def test_period_workflow_fields(self):
        period = self.own_period
        sibling_count = self.env["boh.stock.count"].search(
            [("store_id", "=", self.sibling_store.id), ("state", "=", "done")],
            limit=1,
        )
        fnames = ["state", "computed_date", "net_sales", "food_cost_pct", "store_id"]
        self._login("store_manager")
        for vals in (
            {"state": "draft"},
            {"net_sales": 1.0},
            {"actual_cost": 1.0},
            {"food_cost_pct": 25.0},
            {"gap_pct": 0.0},
            {"suspect_count": 0},
            {"computed_date": "2020-01-01 00:00:00"},
            {"store_id": self.sibling_store.id},
            {"opening_count_id": sibling_count.id},
        ):
            with self.subTest(vals=vals):
                self._unchanged(
                    period,
                    [*fnames, "opening_count_id"],
                    lambda v=vals: self._refused(PERIOD, "write", [period.ids, v]),
                )
            self.counts["period workflow"] += 1
        # A draft of its own store given another store's count.
        draft = period.copy()
        self._unchanged(
            draft,
            ["opening_count_id"],
            lambda: self._refused(
                PERIOD,
                "write",
                [draft.ids, {"opening_count_id": sibling_count.id}],
                regex=f"{re.escape(draft.name)}.*another store",
            ),
        )
        # Created computed, or with its figures.
        for vals in ({"state": "computed"}, {"food_cost_pct": 12.0}):
            before = self.env[PERIOD].search_count([])
            self._refused(
                PERIOD,
                "create",
                [
                    {
                        "store_id": self.own_store.id,
                        "opening_count_id": period.opening_count_id.id,
                        "closing_count_id": period.closing_count_id.id,
                        **vals,
                    }
                ],
            )
            self.assertEqual(self.env[PERIOD].search_count([]), before)
        self.counts["period workflow"] += 3

    # -- recipe costs and recipes ----------------------------------------------------
    def test_store_staff_see_no_recipe_costs(self):
        self._login("store_user")
        template = self.dish.product_tmpl_id
        for model, record in (
            ("product.product", self.dish),
            ("product.template", template),
        ):
            for fname in COST_FIELDS:
                with self.subTest(model=model, field=fname):
                    self._refused(model, "read", [record.ids, [fname]])
                self.counts["recipe costs: store staff"] += 1
            result, error = self._call(model, "fields_get", [], {})
            self.assertIsNone(error)
            self.assertFalse(set(COST_FIELDS) & set(result), model)
            self.counts["recipe costs: store staff"] += 1
        # Nor find them by searching or grouping on the costs (stored on the
        # variant).
        for fname in COST_FIELDS[:5]:
            with self.subTest(search=fname):
                self._refused(
                    "product.product",
                    "search_read",
                    [[[fname, "!=", False]]],
                    {"fields": ["id"]},
                )
            self.counts["recipe costs: store staff"] += 1
        self._refused(
            "product.product",
            "read_group",
            [],
            {
                "domain": [],
                "fields": ["boh_food_cost_pct:avg"],
                "groupby": ["categ_id"],
            },
        )
        self.counts["recipe costs: store staff"] += 1
        # Nor through the menu engineering of their own store (the recipe
        # cost and margin of each dish).
        rows = self.env["boh.menu.engineering"].search(
            [("store_id", "=", self.own_store.id)]
        )
        self.assertTrue(rows.filtered("unit_cost"), "no menu engineering at home")
        result, error = self._call(
            "boh.menu.engineering",
            "search_read",
            [[["store_id", "=", self.own_store.id]]],
            {"fields": ["unit_cost", "unit_margin", "total_margin"]},
        )
        self.assertIn(error, (None, *CLEAR_ERRORS))
        self.assertFalse(result, "store staff read the dishes' recipe costs")
        self._refused("boh.menu.engineering", "read", [rows.ids, ["unit_cost"]])
        self.counts["recipe costs: store staff"] += 2
        # The control: the store's manager sees them.
        self._login("store_manager")
        result, error = self._call(
            "boh.menu.engineering",
            "search_read",
            [[["id", "in", rows.ids]]],
            {"fields": ["unit_cost"]},
        )
        self.assertEqual(len(result), len(rows))
        result, error = self._call(
            "product.product", "read", [self.dish.ids, ["boh_recipe_cost"]]
        )
        self.assertIsNone(error, self.error_message)
        self.assertGreater(result[0]["boh_recipe_cost"], 0)

    def test_recipes_edited_by_buyers_only(self):
        line = self.bom.bom_line_ids[:1]
        template = self.dish.product_tmpl_id
        bom_fnames = ["product_qty", "type"]
        line_fnames = ["product_qty", "boh_yield_pct", "product_id"]
        for role in (*STORE_ROLES, "executive"):
            self._login(role)
            for model, method, args in (
                ("mrp.bom", "write", [self.bom.ids, {"product_qty": 9.0}]),
                ("mrp.bom.line", "write", [line.ids, {"boh_yield_pct": 50.0}]),
                ("mrp.bom.line", "write", [line.ids, {"product_qty": 9.0}]),
                (
                    "mrp.bom.line",
                    "create",
                    [
                        {
                            "bom_id": self.bom.id,
                            "product_id": line.product_id.id,
                            "product_qty": 1.0,
                        }
                    ],
                ),
                ("mrp.bom.line", "unlink", [line.ids]),
                ("mrp.bom", "unlink", [self.bom.ids]),
                (
                    "product.template",
                    "write",
                    [template.ids, {"boh_target_food_cost_pct": 90.0}],
                ),
                (
                    "product.template",
                    "write",
                    [template.ids, {"boh_menu_owner_id": self.users[role].id}],
                ),
            ):
                with self.subTest(role=role, model=model, method=method):
                    lines = self.bom.sudo().bom_line_ids
                    self._unchanged(
                        line,
                        line_fnames,
                        lambda m=model, me=method, a=args: self._unchanged(
                            self.bom,
                            bom_fnames,
                            lambda: self._refused(m, me, a),
                        ),
                    )
                    self.bom.invalidate_recordset()
                    self.assertEqual(self.bom.sudo().bom_line_ids, lines)
                self.counts[f"recipes: {role}"] += 1
            self.assertEqual(
                self._snapshot(template, ["boh_target_food_cost_pct"])[
                    "boh_target_food_cost_pct"
                ],
                template.sudo().boh_target_food_cost_pct,
            )
        # Buyers read products only, as Odoo's purchase users: no product
        # field is written directly, the dish's policy included.
        self._login("buyer")
        product_fnames = ["name", "list_price", "boh_target_food_cost_pct"]
        for model, record in (
            ("product.template", template),
            ("product.product", self.dish),
        ):
            for vals in (
                {"name": "Renamed by a buyer"},
                {"list_price": 0.01},
                {"boh_target_food_cost_pct": 90.0},
                {"boh_menu_owner_id": self.users["buyer"].id},
            ):
                with self.subTest(role="buyer", model=model, vals=vals):
                    self._unchanged(
                        template,
                        product_fnames,
                        lambda m=model, r=record, v=vals: self._refused(
                            m, "write", [r.ids, v]
                        ),
                    )
                self.counts["products: buyer"] += 1
        # The controls: a buyer changes a yield, and a target and menu owner
        # through the wizard.
        _result, error = self._call(
            "mrp.bom.line", "write", [line.ids, {"boh_yield_pct": 90.0}]
        )
        self.assertIsNone(error, self.error_message)
        line.invalidate_recordset()
        self.assertEqual(line.boh_yield_pct, 90.0)
        wizard_id, error = self._call(
            "boh.recipe.target.wizard",
            "create",
            [
                {
                    "product_tmpl_ids": [[6, 0, template.ids]],
                    "target_food_cost_pct": 45.0,
                    "menu_owner_id": self.users["buyer"].id,
                }
            ],
        )
        self.assertIsNone(error, self.error_message)
        _result, error = self._call(
            "boh.recipe.target.wizard", "action_apply", [[wizard_id]]
        )
        self.assertIsNone(error, self.error_message)
        template.invalidate_recordset()
        self.assertEqual(template.boh_target_food_cost_pct, 45.0)
        self.assertEqual(template.boh_menu_owner_id, self.users["buyer"])

    # -- booked food cost of other stores (Food Cost by Store) ---------------------
    def test_booked_food_cost_of_other_stores(self):
        Line = "account.analytic.line"
        pivot = {
            "domain": [["boh_store_id", "!=", False]],
            "fields": ["boh_cost_amount:sum"],
            "groupby": ["boh_store_id"],
            "lazy": False,
        }
        for role in ("store_manager", "area_manager", "executive"):
            self._login(role)
            _action, error = self._call(Line, "action_boh_food_cost", [])
            self.assertIsNone(error, self.error_message)
            groups, error = self._call(Line, "read_group", [], pivot)
            self.assertIsNone(error, self.error_message)
            stores = {g["boh_store_id"][0] for g in groups}
            scope = scope_of(self, role)
            booked = set(self.analytic_lines.boh_store_id.ids)
            with self.subTest(role=role):
                if scope is None:
                    self.assertEqual(stores, booked)
                else:
                    self.assertEqual(stores, set(scope.ids) & booked)
                result, error = self._call(
                    Line, "search_read", [[]], {"fields": ["boh_store_id"]}
                )
                seen = {r["boh_store_id"][0] for r in result if r["boh_store_id"]}
                self.assertTrue(seen <= (booked if scope is None else set(scope.ids)))
                line = self.analytic_lines[:1]
                self._unchanged(
                    line,
                    ["amount", "boh_store_id"],
                    lambda ln=line: self._refused(
                        Line, "write", [ln.ids, {"amount": -1.0}]
                    ),
                )
                self._refused(Line, "unlink", [line.ids])
                self.assertTrue(line.exists())
                self._refused(
                    Line,
                    "create",
                    [{"name": "forged", "amount": -5.0, "account_id": False}],
                )
            self.counts[f"booked food cost: {role}"] += 5
        # Store staff read no booked food cost at all.
        self._login("store_user")
        self._refused(Line, "read_group", [], pivot)
        self._refused(Line, "search_read", [[]], {"fields": ["id"]})
        self.counts["booked food cost: store_user"] += 2

    # -- the executive's buttons ---------------------------------------------------
    def test_executive_buttons(self):
        self._login("executive")
        period = self.own_period
        statement = self._statement(self.partner)
        for model, record, method, fnames in (
            (PERIOD, period, "action_compute", ["state", "computed_date"]),
            (PERIOD, period, "action_reset_draft", ["state", "computed_date"]),
            (STATEMENT, statement, "action_send", ["state", "sent_date"]),
            (STATEMENT, statement, "action_refresh", ["state", "amount_opening"]),
            (STATEMENT, statement, "action_reset_draft", ["state"]),
            (STATEMENT, self.draft_statement, "action_send", ["state"]),
        ):
            with self.subTest(model=model, method=method):
                self._unchanged(
                    record,
                    fnames,
                    lambda m=model, r=record, me=method: self._refused(m, me, [r.ids]),
                )
            self.counts["executive buttons"] += 1
        usage = self.env["boh.usage.theoretical"].search_count([])
        self._refused("boh.usage.theoretical", "action_recompute_all", [])
        self.assertEqual(self.env["boh.usage.theoretical"].search_count([]), usage)
        self._refused(
            "boh.supplier.statement.generate", "create", [{}], what="statement wizard"
        )
        self.counts["executive buttons"] += 2

    # -- bad numbers ---------------------------------------------------------------
    def test_bad_yields_and_targets(self):
        line = self.bom.bom_line_ids[:1]
        template = self.dish.product_tmpl_id
        self._login("buyer")
        yield_regex = rf"{re.escape(line.product_id.display_name)}.*Yield"
        for value in BAD_YIELDS:
            with self.subTest(field="boh_yield_pct", value=value):
                self._unchanged(
                    line,
                    ["boh_yield_pct"],
                    lambda v=value: self._refused(
                        "mrp.bom.line",
                        "write",
                        [line.ids, {"boh_yield_pct": v}],
                        regex=yield_regex,
                    ),
                )
                lines = self.bom.sudo().bom_line_ids
                self._refused(
                    "mrp.bom.line",
                    "create",
                    [
                        {
                            "bom_id": self.bom.id,
                            "product_id": line.product_id.id,
                            "product_qty": 1.0,
                            "boh_yield_pct": value,
                        }
                    ],
                    regex=yield_regex,
                )
                self.bom.invalidate_recordset()
                self.assertEqual(self.bom.sudo().bom_line_ids, lines)
            self.counts["bad yield"] += 2
        target_regex = rf"{re.escape(self.dish.name)}.*Target Food Cost"
        # the buyer's way to a target: the wizard
        for value in BAD_TARGETS:
            with self.subTest(model="boh.recipe.target.wizard", value=value):
                self._unchanged(
                    template,
                    ["boh_target_food_cost_pct"],
                    lambda v=value: self._refused(
                        "boh.recipe.target.wizard",
                        "create",
                        [
                            {
                                "product_tmpl_ids": [[6, 0, template.ids]],
                                "target_food_cost_pct": v,
                            }
                        ],
                        regex=target_regex,
                    ),
                )
            self.counts["bad target"] += 1
        # a BOH administrator writes the product itself
        self._login("admin")
        for value in BAD_TARGETS:
            for model, record in (
                ("product.template", template),
                ("product.product", self.dish),
            ):
                with self.subTest(model=model, value=value):
                    self._unchanged(
                        template,
                        ["boh_target_food_cost_pct"],
                        lambda m=model, r=record, v=value: self._refused(
                            m,
                            "write",
                            [r.ids, {"boh_target_food_cost_pct": v}],
                            regex=target_regex,
                        ),
                    )
                self.counts["bad target"] += 1
