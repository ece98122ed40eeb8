from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import BohCase, make_user


@tagged("post_install", "-at_install")
class TestAccess(BohCase):
    def _visible_stores(self, user):
        stores = self.env["boh.store"].with_user(user).search([])
        return stores & self.test_stores

    def test_store_staff_sees_own_store_only(self):
        self.assertEqual(self._visible_stores(self.staff_a), self.store_a)
        store_b = self.store_b.with_user(self.staff_a)
        with self.assertRaises(AccessError):
            store_b.read(["name"])
        with self.assertRaises(AccessError):
            self.store_a.with_user(self.staff_a).write({"phone": "123"})

    def test_store_manager_sees_own_store_only(self):
        self.assertEqual(self._visible_stores(self.manager_b), self.store_b)
        with self.assertRaises(AccessError):
            self.store_a.with_user(self.manager_b).read(["name"])
        with self.assertRaises(AccessError):
            self.store_a.with_user(self.manager_b).write({"phone": "123"})
        # Their own store: operational fields yes, membership no
        self.store_b.with_user(self.manager_b).write({"phone": "021-555"})
        self.assertEqual(self.store_b.phone, "021-555")
        with self.assertRaises(AccessError):
            self.store_b.with_user(self.manager_b).write(
                {"region_id": self.region_2.id}
            )
        with self.assertRaises(AccessError):
            self.store_b.with_user(self.manager_b).write(
                {"manager_id": self.staff_a.id}
            )

    def test_area_manager_sees_own_regions(self):
        self.assertEqual(self._visible_stores(self.area_1), self.store_a | self.store_b)
        self.assertEqual(self._visible_stores(self.area_2), self.store_c)
        with self.assertRaises(AccessError):
            self.store_c.with_user(self.area_1).read(["name"])
        regions = self.env["boh.region"].with_user(self.area_2).search([])
        self.assertIn(self.region_2, regions)
        self.assertNotIn(self.region_1, regions)

    def test_parent_region_supervisor_sees_sub_regions(self):
        head = make_user(self.env, "boh_head", "boh_base.group_boh_area_manager")
        parent = self.env["boh.region"].create(
            {"name": "China", "code": "CN", "head_id": head.id}
        )
        self.assertFalse(self._visible_stores(head))
        self.region_2.parent_id = parent
        self.env.flush_all()  # as at the end of a request
        self.assertEqual(self._visible_stores(head), self.store_c)
        self.assertEqual(self.region_2.complete_name, "China / Region Two")

    def test_central_sites_are_readable_not_writable(self):
        central = self.env["boh.store"].create(
            {"name": "Central WH", "code": "TCW", "store_type": "warehouse"}
        )
        as_staff = central.with_user(self.staff_a)
        self.assertEqual(as_staff.read(["name"])[0]["name"], "Central WH")
        with self.assertRaises(AccessError):
            central.with_user(self.manager_b).write({"phone": "1"})

    def test_staff_sees_regions_of_own_stores(self):
        regions = self.env["boh.region"].with_user(self.staff_a).search([])
        self.assertEqual(regions & (self.region_1 | self.region_2), self.region_1)

    def test_buyer_and_executive_see_all(self):
        self.assertEqual(self._visible_stores(self.buyer), self.test_stores)
        self.assertEqual(self._visible_stores(self.executive), self.test_stores)
        with self.assertRaises(AccessError):
            self.store_a.with_user(self.executive).write({"phone": "1"})
        with self.assertRaises(AccessError):
            self.env["boh.region"].with_user(self.buyer).create(
                {"name": "X", "code": "X"}
            )

    def test_membership_changes_visibility(self):
        self.assertFalse(self._visible_stores(self.manager_b) & self.store_c)
        self.store_c.with_user(self.boh_admin).user_ids = [(4, self.manager_b.id)]
        self.env.flush_all()  # as at the end of a request
        self.assertEqual(
            self._visible_stores(self.manager_b), self.store_b | self.store_c
        )
        self.assertEqual(self.manager_b.boh_store_ids, self.store_b | self.store_c)

    def test_admin_creates_store_with_warehouse(self):
        store = (
            self.env["boh.store"]
            .with_user(self.boh_admin)
            .create(
                {"name": "New Store", "code": "NEW1", "region_id": self.region_1.id}
            )
        )
        self.assertEqual(store.warehouse_id.code, "NEW1")
        self.assertTrue(store.stock_location_id)
        self.assertEqual(store.display_name, "[NEW1] New Store")
        self.assertEqual(self.env["boh.store"].name_search("NEW1")[0][0], store.id)

    def test_other_company_store_is_invisible(self):
        company_2 = self.env["res.company"].create({"name": "Other Chain"})
        store_x = (
            self.env["boh.store"]
            .with_company(company_2)
            .create({"name": "Other Store", "code": "OTH", "company_id": company_2.id})
        )
        self.assertEqual(store_x.warehouse_id.company_id, company_2)
        self.assertNotIn(
            store_x, self.env["boh.store"].with_user(self.buyer).search([])
        )

    def test_coordinates_are_checked(self):
        with self.assertRaisesRegex(Exception, "latitude"):
            self.store_a.latitude = 120


@tagged("post_install", "-at_install")
class TestTranslation(BohCase):
    def test_zh_cn_terms_are_loaded(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["boh_base"], ["zh_CN"])
        group = self.env.ref("boh_base.group_boh_store_manager").with_context(
            lang="zh_CN"
        )
        self.assertEqual(group.name, "店长")
        self.assertEqual(
            self.env["boh.store"]
            .with_context(lang="zh_CN")
            ._fields["store_type"]
            ._description_selection(self.env(context={"lang": "zh_CN"})),
            [("store", "门店"), ("warehouse", "中央仓库"), ("kitchen", "中央厨房")],
        )
