from odoo.fields import Command
from odoo.tests.common import TransactionCase

ROLE = "boh_base.group_boh_"


def make_user(env, login, groups, name=None, **values):
    """A user made the way an administrator makes one in *Settings > Users*:
    the groups of Odoo's default user template (every app installed so far
    adds its own there), the BOH role ticked (``groups``: comma-separated xml
    ids), no email address. What the user ends up with is what BOH's role
    sync leaves."""
    roles = env["res.groups"].browse()
    for xmlid in groups.split(","):
        roles |= env.ref(xmlid.strip())
    admin = env.ref("base.user_admin")
    users = env["res.users"].with_user(admin).with_context(no_reset_password=True)
    user = users.create(
        {
            "name": name or login,
            "login": login,
            "groups_id": [Command.set((users._default_groups() | roles).ids)],
            "tz": "Asia/Shanghai",
            **values,
        }
    )
    return user.with_env(env)


class BohCase(TransactionCase):
    """Two regions, three stores and a user per role.

    Region 1 holds stores A and B, region 2 holds store C.  ``staff_a`` and
    ``manager_a`` work in A, ``manager_b`` in B, ``area_1`` supervises region 1
    and ``area_2`` region 2; ``buyer``, ``executive`` and ``boh_admin`` see all.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        group = ROLE
        cls.staff_a = make_user(cls.env, "boh_staff_a", group + "store_user")
        cls.manager_a = make_user(
            cls.env, "boh_manager_a", group + "store_manager", name="Tour Manager A"
        )
        cls.manager_b = make_user(cls.env, "boh_manager_b", group + "store_manager")
        cls.area_1 = make_user(cls.env, "boh_area_1", group + "area_manager")
        cls.area_2 = make_user(cls.env, "boh_area_2", group + "area_manager")
        cls.buyer = make_user(cls.env, "boh_buyer", group + "buyer")
        cls.executive = make_user(cls.env, "boh_executive", group + "executive")
        cls.boh_admin = make_user(cls.env, "boh_admin", group + "admin")
        cls.region_1 = cls.env["boh.region"].create(
            {"name": "Region One", "code": "T1", "user_ids": [(6, 0, cls.area_1.ids)]}
        )
        cls.region_2 = cls.env["boh.region"].create(
            {"name": "Region Two", "code": "T2", "user_ids": [(6, 0, cls.area_2.ids)]}
        )
        cls.store_a, cls.store_b, cls.store_c = cls.env["boh.store"].create(
            [
                {
                    "name": "Tour Store A",
                    "code": "TSA",
                    "region_id": cls.region_1.id,
                    "manager_id": cls.manager_a.id,
                    "user_ids": [(6, 0, cls.staff_a.ids)],
                },
                {
                    "name": "Tour Store B",
                    "code": "TSB",
                    "region_id": cls.region_1.id,
                    "manager_id": cls.manager_b.id,
                },
                {"name": "Tour Store C", "code": "TSC", "region_id": cls.region_2.id},
            ]
        )
        cls.test_stores = cls.store_a | cls.store_b | cls.store_c
