from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import StoreAccountCase


@tagged("post_install", "-at_install")
class TestFoodCostAccess(StoreAccountCase):
    """Food cost lines of stores A, B (region 1) and C (region 2), and one
    of an account that is no food cost."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rent_account = cls.env["account.account"].create(
            {"name": "Test Rent", "code": "TBW700", "account_type": "expense"}
        )
        lines = []
        for store, amount in (
            (cls.store_a, 100),
            (cls.store_b, 200),
            (cls.store_c, 300),
        ):
            dist = cls.distribution(store)
            lines += [
                Command.create(
                    {
                        "name": "Food",
                        "account_id": cls.cogs_account.id,
                        "balance": amount,
                        "analytic_distribution": dist,
                    }
                ),
                Command.create(
                    {
                        "name": "Rent",
                        "account_id": cls.rent_account.id,
                        "balance": 1000,
                        "analytic_distribution": dist,
                    }
                ),
                Command.create(
                    {
                        "name": "Paid",
                        "account_id": cls.stock_account.id,
                        "balance": -(amount + 1000),
                    }
                ),
            ]
        cls.entry = cls.env["account.move"].create(
            {
                "move_type": "entry",
                "journal_id": cls.stock_journal.id,
                "line_ids": lines,
            }
        )
        cls.entry.action_post()
        cls.lines = cls.entry.line_ids.analytic_line_ids

    def _food_cost(self, user):
        action = (
            self.env["account.analytic.line"].with_user(user).action_boh_food_cost()
        )
        Line = self.env["account.analytic.line"].with_user(user)
        groups = Line.read_group(
            action["domain"], ["boh_cost_amount:sum"], ["boh_store_id"]
        )
        return {g["boh_store_id"][0]: g["boh_cost_amount"] for g in groups}

    def test_lines_are_filed_by_store(self):
        self.assertEqual(
            set(self.lines.mapped("boh_store_id")),
            {self.store_a, self.store_b, self.store_c},
        )

    def test_admin_and_executive_see_every_store(self):
        expected = {self.store_a.id: 100, self.store_b.id: 200, self.store_c.id: 300}
        for user in (self.boh_admin, self.executive):
            result = self._food_cost(user)
            self.assertEqual({k: result[k] for k in expected}, expected)

    def test_food_cost_accounts_setting(self):
        # default: cost of revenue accounts (and waste): rent is left out
        action = self.env["account.analytic.line"].action_boh_food_cost()
        accounts = self.env["account.account"].browse(action["domain"][0][2])
        self.assertIn(self.cogs_account, accounts)
        self.assertIn(self.waste_account, accounts)
        self.assertNotIn(self.rent_account, accounts)
        self.company.boh_food_cost_account_ids = self.rent_account
        result = self._food_cost(self.boh_admin)
        self.assertEqual(result[self.store_a.id], 1000)

    def test_store_manager_sees_own_store_only(self):
        self.assertEqual(self._food_cost(self.manager_a), {self.store_a.id: 100})
        self.assertEqual(self._food_cost(self.manager_b), {self.store_b.id: 200})
        visible = self.env["account.analytic.line"].with_user(self.manager_a).search([])
        self.assertEqual(visible.boh_store_id, self.store_a)

    def test_report_opens_for_store_manager(self):
        action = (
            self.env["account.analytic.line"]
            .with_user(self.manager_a)
            .action_boh_food_cost()
        )
        Line = self.env["account.analytic.line"].with_user(self.manager_a)
        views = Line.get_views(
            [(v, m) for v, m in action["views"]]
            + [(action["search_view_id"][0], "search")]
        )
        self.assertIn(
            "boh_cost_amount", views["models"]["account.analytic.line"]["fields"]
        )
        groups = Line.web_read_group(
            action["domain"],
            ["boh_cost_amount:sum"],
            ["general_account_id", "date:month"],
        )
        self.assertEqual(groups["length"], 1)
        self.assertEqual(
            groups["groups"][0]["general_account_id"][0], self.cogs_account.id
        )

    def test_area_manager_sees_own_region_only(self):
        self.assertEqual(
            self._food_cost(self.area_1), {self.store_a.id: 100, self.store_b.id: 200}
        )
        self.assertEqual(self._food_cost(self.area_2), {self.store_c.id: 300})

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model")
    def test_attacks_refused(self):
        line_a = self.lines.filtered(lambda ln: ln.boh_store_id == self.store_a)[:1]
        line_c = self.lines.filtered(lambda ln: ln.boh_store_id == self.store_c)[:1]
        amount = line_a.amount
        # what the manager may do: read the own store's line
        self.assertEqual(
            line_a.with_user(self.manager_a).read(["amount"])[0]["amount"], amount
        )
        # staff have no access at all
        with self.assertRaises(AccessError):
            self.env["account.analytic.line"].with_user(self.staff_a).search([])
        # another region's line, read by id
        with self.assertRaises(AccessError):
            line_c.with_user(self.manager_a).read(["amount"])
        with self.assertRaises(AccessError):
            line_c.with_user(self.area_1).read(["amount"])
        # read-only: no write, no create, no unlink, executive included
        for user in (self.manager_a, self.area_1, self.executive):
            with self.assertRaises(AccessError):
                line_a.with_user(user).write({"amount": 1})
            with self.assertRaises(AccessError):
                line_a.with_user(user).unlink()
            with self.assertRaises(AccessError):
                self.env["account.analytic.line"].with_user(user).create(
                    {
                        "name": "Forged",
                        "amount": -5,
                        "account_id": line_a.account_id.id or False,
                        line_a._get_plan_fnames()[
                            -1
                        ]: self.store_a.analytic_account_id.id,
                    }
                )
        self.assertEqual(line_a.amount, amount)
        self.assertTrue(line_a.exists())
        self.assertFalse(
            self.env["account.analytic.line"].search([("name", "=", "Forged")])
        )
        # nor do store roles get an accounting group to read them
        for user in (self.manager_a, self.area_1, self.executive):
            self.assertFalse(user.has_group("account.group_account_readonly"))
            self.assertFalse(user.has_group("account.group_account_invoice"))

    def test_menu_for_managers_and_executive(self):
        menu = self.env.ref("boh_store_account.boh_food_cost_menu")
        for user, visible in (
            (self.manager_a, True),
            (self.area_1, True),
            (self.executive, True),
            (self.boh_admin, True),
            (self.staff_a, False),
        ):
            menus = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
            self.assertEqual(menu.id in menus, visible, user.login)
