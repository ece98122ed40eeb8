from odoo.tests import tagged
from odoo.tests.common import TransactionCase


@tagged("post_install", "-at_install")
class TestDemoLoader(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.result = cls.env["boh.demo.loader"].load_chain(
            seed=5, stores=3, products=8, days=14, suppliers=2
        )

    def test_master_data(self):
        chain = self.result["chain"]
        sites = self.result["sites"]
        self.assertEqual(len(sites), 5)  # central warehouse, kitchen, 3 stores
        store = sites[chain.stores[0].code]
        self.assertEqual(store.store_type, "store")
        self.assertEqual(store.warehouse_id.code, chain.stores[0].code)
        self.assertEqual(store.manager_id.login, f"sm.{store.code.lower()}")
        self.assertIn(store.region_id.user_ids, store.supervisor_ids)
        product = self.result["products"][chain.products[0].default_code]
        spec = chain.products[0]
        self.assertEqual(product.boh_shelf_life_days, spec.shelf_life_days)
        self.assertEqual(
            product.seller_ids.partner_id.mapped("ref"), spec.supplier_refs
        )
        self.assertEqual(product.packaging_ids.qty, spec.pack_size)
        self.assertTrue(product.is_storable)

    def test_roles(self):
        users = self.result["users"]
        self.assertTrue(users["buyer"].has_group("boh_base.group_boh_buyer"))
        self.assertTrue(users["exec"].has_group("boh_base.group_boh_executive"))
        manager = users["sm.s001"]
        visible = self.env["boh.store"].with_user(manager).search([])
        self.assertEqual(
            visible.filtered(lambda s: s.store_type == "store").mapped("code"), ["S001"]
        )
        # The central sites that supply the stores are readable, not writable
        central = visible.filtered(lambda s: s.store_type != "store")
        self.assertEqual(sorted(central.mapped("code")), ["CK", "CW"])

    def test_loading_twice_adds_nothing(self):
        counts = {
            model: self.env[model].search_count([])
            for model in ("boh.store", "boh.region", "product.product", "res.users")
        }
        self.env["boh.demo.loader"].load_chain(
            seed=5, stores=3, products=8, days=14, suppliers=2
        )
        for model, count in counts.items():
            self.assertEqual(self.env[model].search_count([]), count, model)


@tagged("post_install", "-at_install")
class TestDemoLanguage(TransactionCase):
    def test_language_installed_with_every_addons_terms(self):
        # Activating a language alone leaves the addons installed before it
        # in English: the demo installs it as Settings > Languages does.
        self.env["boh.demo.loader"]._install_language("zh_CN")
        menu = self.env.ref("boh_base.boh_store_menu").with_context(lang="zh_CN")
        self.assertEqual(menu.name, "门店")
        store_type = (
            self.env["boh.store"]
            .with_context(lang="zh_CN")
            .fields_get(["store_type"], ["string"])
        )
        self.assertNotEqual(store_type["store_type"]["string"], "Store Type")
