from odoo.exceptions import AccessError, ValidationError
from odoo.fields import Command
from odoo.tests import tagged

from .common import ROLE, BohCase


@tagged("post_install", "-at_install")
class TestRoles(BohCase):
    """A BOH role is the whole of a user's rights, whichever way the user is
    made and whatever app is installed afterwards."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.roles = {
            "store_user": cls.staff_a,
            "store_manager": cls.manager_a,
            "area_manager": cls.area_1,
            "buyer": cls.buyer,
            "executive": cls.executive,
        }
        cls.grantable = cls.env["res.users"]._boh_grantable_groups()

    def _foreign_groups(self, user):
        roles = user.groups_id.filtered(
            lambda g: g.category_id == self.env.ref("boh_base.module_category_boh")
        )
        employee = self.env.ref("base.group_user")
        allowed = (
            roles
            | roles.trans_implied_ids
            | employee
            | employee.trans_implied_ids
            | self.env.ref("base.group_allow_export")
        )
        return (user.groups_id & self.grantable) - allowed

    def test_template_gives_administrator_groups(self):
        # Odoo's default user template hands out administrator groups: the
        # sync below is what keeps BOH roles from getting them.
        template = self.env.ref("base.default_user")
        self.assertIn(self.env.ref("stock.group_stock_manager"), template.groups_id)

    def test_users_made_by_admin_hold_only_their_role(self):
        for role, user in self.roles.items():
            with self.subTest(role=role):
                self.assertFalse(
                    self._foreign_groups(user), user.groups_id.mapped("name")
                )
                self.assertNotIn(
                    self.env.ref("stock.group_stock_manager"), user.groups_id
                )
                self.assertNotIn(
                    self.env.ref("base.group_partner_manager"), user.groups_id
                )
        self.assertIn(
            self.env.ref("stock.group_stock_manager"), self.boh_admin.groups_id
        )

    def test_role_given_later_strips_template_groups(self):
        user = (
            self.env["res.users"]
            .with_user(self.env.ref("base.user_admin"))
            .create({"name": "Later Staff", "login": "boh_later_staff"})
        )
        self.assertIn(self.env.ref("stock.group_stock_manager"), user.groups_id)
        user.write({f"in_group_{self.env.ref(ROLE + 'store_user').id}": True})
        self.assertFalse(self._foreign_groups(user))

    def test_app_installed_later_does_not_widen_roles(self):
        # What an app's data file does when it installs: a new group in the
        # default template goes to every internal user, and groups implied by
        # every employee go to all of them.
        new_admin = self.env["res.groups"].create(
            {
                "name": "Later App Administrator",
                "category_id": self.env.ref(
                    "base.module_category_inventory_inventory"
                ).id,
            }
        )
        outsider = self.env["res.users"].create(
            {
                "name": "Accountant",
                "login": "boh_outsider",
                "groups_id": [Command.link(self.env.ref("base.group_user").id)],
            }
        )
        self.env.ref("base.default_user").write(
            {"groups_id": [Command.link(new_admin.id)]}
        )
        self.assertIn(new_admin, outsider.groups_id)
        for role, user in self.roles.items():
            with self.subTest(role=role):
                self.assertNotIn(new_admin, user.groups_id)
        self.assertIn(new_admin, self.boh_admin.groups_id)
        # A group's own user list (its Users tab, or an app's data file)
        stock_admin = self.env.ref("stock.group_stock_manager")
        stock_admin.write({"users": [Command.link(u.id) for u in self.roles.values()]})
        for role, user in self.roles.items():
            with self.subTest(role=role, path="group users"):
                self.assertNotIn(stock_admin, user.groups_id)

    def test_demo_loader_is_for_administrators(self):
        for user in (self.executive, self.boh_admin, self.staff_a):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env["boh.demo.loader"].with_user(user).load_demo_chain()
        with self.assertRaises(AccessError):
            self.env["boh.demo.loader"].with_user(self.manager_a).load_chain(stores=1)

    def test_membership_and_position_are_for_administrators(self):
        store = self.store_a.with_user(self.manager_a)
        for vals in (
            {"user_ids": [Command.link(self.manager_b.id)]},
            {"latitude": 31.2},
            {"longitude": 121.4},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                store.write(vals)
        self.assertNotIn(self.manager_b, self.store_a.user_ids)
        self.store_a.with_user(self.boh_admin).write({"latitude": 31.2})
        self.assertEqual(self.store_a.latitude, 31.2)

    def test_users_without_email_post_in_the_chatter(self):
        self.assertFalse(self.manager_a.email)
        self.store_a.with_user(self.manager_a).message_post(body="Fridge fixed")
        message = self.store_a.message_ids[0]
        self.assertEqual(message.author_id, self.manager_a.partner_id)
        self.assertIn("Fridge fixed", message.body)

    def test_numbers_must_be_finite_and_in_range(self):
        store = self.store_a.with_user(self.boh_admin)
        for value in (float("nan"), float("inf"), float("-inf"), 1e308, "nan", "abc"):
            with self.subTest(value=value), self.assertRaises(ValidationError):
                store.write({"latitude": value})
        self.assertEqual(self.store_a.latitude, 0.0)
