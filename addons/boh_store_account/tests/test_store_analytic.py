from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.boh_base.tests.common import BohCase

from ..hooks import post_init_hook


@tagged("post_install", "-at_install")
class TestStoreAnalytic(BohCase):
    def test_new_store_gets_account_in_region_plan(self):
        stores_plan = self.env.ref("boh_store_account.analytic_plan_stores")
        account = self.store_a.analytic_account_id
        self.assertTrue(account)
        self.assertEqual(account.name, "Tour Store A")
        self.assertEqual(account.code, "TSA")
        self.assertEqual(account.company_id, self.store_a.company_id)
        self.assertEqual(account.root_plan_id, stores_plan)
        self.assertEqual(account.plan_id, self.region_1.analytic_plan_id)
        self.assertEqual(self.region_1.analytic_plan_id.parent_id, stores_plan)
        self.assertEqual(self.region_1.analytic_plan_id.name, "Region One")
        # stores of one region share its plan, each has its own account
        self.assertEqual(
            self.store_b.analytic_account_id.plan_id, self.region_1.analytic_plan_id
        )
        self.assertNotEqual(self.store_b.analytic_account_id, account)
        self.assertEqual(
            self.store_c.analytic_account_id.plan_id, self.region_2.analytic_plan_id
        )

    def test_install_hook_gives_existing_stores_an_account(self):
        store = self.env["boh.store"].create({"name": "Tour Store D", "code": "TSD"})
        old = store.analytic_account_id
        store.analytic_account_id = False
        post_init_hook(self.env)
        self.assertTrue(store.analytic_account_id)
        self.assertNotEqual(store.analytic_account_id, old)
        self.assertEqual(store.analytic_account_id.name, "Tour Store D")
        self.assertEqual(
            store.analytic_account_id.plan_id,
            self.env.ref("boh_store_account.analytic_plan_stores"),
            "no region: the plan Stores itself",
        )

    def test_rename_and_move_store_follow(self):
        self.store_a.with_user(self.boh_admin).write(
            {"name": "Tour Store A Renamed", "code": "TSA2"}
        )
        account = self.store_a.analytic_account_id
        self.assertEqual(account.name, "Tour Store A Renamed")
        self.assertEqual(account.code, "TSA2")
        self.store_a.with_user(self.boh_admin).region_id = self.region_2
        self.assertEqual(account.plan_id, self.region_2.analytic_plan_id)
        self.region_2.name = "Region Two Renamed"
        self.assertEqual(self.region_2.analytic_plan_id.name, "Region Two Renamed")
        self.store_a.with_user(self.boh_admin).active = False
        self.assertFalse(account.active)

    @mute_logger("odoo.models")
    def test_account_cannot_be_shared(self):
        account_a = self.store_a.analytic_account_id
        account_b = self.store_b.analytic_account_id
        with self.assertRaises(ValidationError):
            self.store_b.with_user(self.boh_admin).analytic_account_id = account_a
        self.assertEqual(self.store_b.analytic_account_id, account_b)

    @mute_logger("odoo.models")
    def test_only_admin_changes_store_accounts(self):
        account_a = self.store_a.analytic_account_id
        other = self.env["account.analytic.account"].create(
            {"name": "Other", "plan_id": account_a.plan_id.id}
        )
        for user in (self.manager_a, self.area_1):
            with self.assertRaises(AccessError):
                self.store_a.with_user(user).analytic_account_id = other
            self.assertEqual(self.store_a.analytic_account_id, account_a)
        self.store_a.with_user(self.boh_admin).analytic_account_id = other
        self.assertEqual(self.store_a.analytic_account_id, other)
