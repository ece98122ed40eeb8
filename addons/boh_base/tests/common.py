from odoo.tests import new_test_user
from odoo.tests.common import TransactionCase


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
        group = "boh_base.group_boh_"
        cls.staff_a = new_test_user(cls.env, "boh_staff_a", group + "store_user")
        cls.manager_a = new_test_user(
            cls.env, "boh_manager_a", group + "store_manager", name="Tour Manager A"
        )
        cls.manager_b = new_test_user(cls.env, "boh_manager_b", group + "store_manager")
        cls.area_1 = new_test_user(cls.env, "boh_area_1", group + "area_manager")
        cls.area_2 = new_test_user(cls.env, "boh_area_2", group + "area_manager")
        cls.buyer = new_test_user(cls.env, "boh_buyer", group + "buyer")
        cls.executive = new_test_user(cls.env, "boh_executive", group + "executive")
        cls.boh_admin = new_test_user(cls.env, "boh_admin", group + "admin")
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
