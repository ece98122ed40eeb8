from odoo.tests import tagged

from .common import RecipeCase


@tagged("post_install", "-at_install")
class TestRecipeCosting(RecipeCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.beef_noodles.product_tmpl_id.boh_menu_owner_id = cls.manager_a
        cls.beef.product_tmpl_id.responsible_id = cls.buyer
        cls.activity_type = cls.env.ref("boh_recipe.mail_activity_type_food_cost")

    def alerts(self, dish):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "product.template"),
                ("res_id", "=", dish.product_tmpl_id.id),
                ("activity_type_id", "=", self.activity_type.id),
            ]
        )

    def test_valuation_cost_of_dishes_and_sub_recipes(self):
        # noodles 0.15 x 4 = 0.60, beef 0.125 x 80 = 10.00, soy 0.01 x 10 =
        # 0.10, sugar 0.0025 x 8 = 0.02, ginger 0.004 x 20 = 0.08, scallion
        # 0.02 x 12 = 0.24, sesame oil 0.0004 x 50 = 0.02: 11.06
        noodles = self.beef_noodles
        self.assertAlmostEqual(noodles.boh_recipe_cost, 11.06)
        # 11.06 / 38 = 29.105% -> 29.11; margin 38 - 11.06 = 26.94
        self.assertAlmostEqual(noodles.boh_food_cost_pct, 29.11)
        self.assertAlmostEqual(noodles.boh_margin, 26.94)
        self.assertEqual(noodles.boh_target_food_cost_pct, 30.0)
        self.assertFalse(noodles.boh_below_target)
        self.assertFalse(noodles.boh_cost_missing)
        # one dumpling: wrapper 1 x 0.1 + pork 0.025 x 40 = 1.10; / 4 = 27.5%
        self.assertAlmostEqual(self.dumplings.boh_recipe_cost, 1.10)
        self.assertAlmostEqual(self.dumplings.boh_food_cost_pct, 27.5)
        # the sauce (not sold) is costed, per L: soy 0.2 x 10 + sugar 0.05 x 8
        # + ginger 0.08 x 20 = 4.00; no food cost % without a sales price
        self.assertAlmostEqual(self.sauce.boh_recipe_cost, 4.0)
        self.assertEqual(self.sauce.boh_food_cost_pct, 0.0)
        self.assertTrue(self.sauce.boh_is_recipe)
        self.assertFalse(self.beef.boh_is_recipe)
        # the template shows its variant's figures
        self.assertAlmostEqual(noodles.product_tmpl_id.boh_recipe_cost, 11.06)

    def test_missing_cost_listed(self):
        self.sesame_oil.standard_price = 0.0
        self.assertTrue(self.beef_noodles.boh_cost_missing)
        self.assertEqual(
            self.beef_noodles.boh_cost_missing_product_ids, self.sesame_oil
        )
        # 11.06 - 0.02 of sesame oil
        self.assertAlmostEqual(self.beef_noodles.boh_recipe_cost, 11.04)
        self.assertFalse(self.dumplings.boh_cost_missing)

    def test_standard_price_change_recosts_and_alerts_once(self):
        self.beef.standard_price = 100.0
        # beef 0.125 x 100 = 12.50: 11.06 + 2.50 = 13.56; / 38 = 35.68%
        self.assertAlmostEqual(self.beef_noodles.boh_recipe_cost, 13.56)
        self.assertAlmostEqual(self.beef_noodles.boh_food_cost_pct, 35.68)
        self.assertTrue(self.beef_noodles.boh_below_target)
        alerts = self.alerts(self.beef_noodles)
        # the menu owner and the beef's buyer (its responsible)
        self.assertEqual(alerts.user_id, self.manager_a | self.buyer)
        self.assertEqual(len(alerts), 2)
        note = alerts[0].note
        for text in ("Test beef noodles", "35.7%", "30.0%", "Test beef"):
            self.assertIn(text, note)
        # a second rise: still above target, no new to-do
        self.beef.standard_price = 110.0
        self.assertAlmostEqual(self.beef_noodles.boh_recipe_cost, 14.81)
        self.assertEqual(self.alerts(self.beef_noodles), alerts)
        # the dumplings do not use beef
        self.assertAlmostEqual(self.dumplings.boh_recipe_cost, 1.10)
        self.assertFalse(self.alerts(self.dumplings))

    def test_price_change_two_levels_down(self):
        # ginger is in the sauce (normal BoM) in the noodles
        self.ginger.standard_price = 520.0
        # sauce per L: 4.00 - 1.60 + 0.08 x 520 = 44.00
        self.assertAlmostEqual(self.sauce.boh_recipe_cost, 44.0)
        # noodles: 11.06 - 0.08 + 0.004 x 520 = 13.06; / 38 = 34.37%
        self.assertAlmostEqual(self.beef_noodles.boh_recipe_cost, 13.06)
        alerts = self.alerts(self.beef_noodles)
        # ginger has no responsible: the menu owner alone
        self.assertEqual(alerts.user_id, self.manager_a)
        self.assertIn("Test ginger", alerts.note)
        # the sauce is not sold: no food cost alert
        self.assertFalse(self.alerts(self.sauce))

    def test_no_owner_no_buyer_alerts_the_buyers(self):
        self.dumplings.product_tmpl_id.boh_target_food_cost_pct = 28.0
        self.pork.standard_price = 60.0
        # pork 0.025 x 60 = 1.50 + 0.10 = 1.60; / 4 = 40%
        self.assertAlmostEqual(self.dumplings.boh_food_cost_pct, 40.0)
        users = self.alerts(self.dumplings).user_id
        self.assertIn(self.buyer, users)
        self.assertEqual(users, self.env.ref("boh_base.group_boh_buyer").users)

    def test_price_and_target_changes_recompute(self):
        self.beef_noodles.product_tmpl_id.list_price = 30.0
        # 11.06 / 30 = 36.87%
        self.assertAlmostEqual(self.beef_noodles.boh_food_cost_pct, 36.87)
        self.assertTrue(self.beef_noodles.boh_below_target)
        self.beef_noodles.product_tmpl_id.boh_target_food_cost_pct = 40.0
        self.assertFalse(self.beef_noodles.boh_below_target)
        # neither change is an ingredient's price: no to-do
        self.assertFalse(self.alerts(self.beef_noodles))

    def test_recipe_change_recosts(self):
        line = self.line_of(self.bom_noodles, self.beef)
        line.boh_yield_pct = 50.0
        # beef 100 g / 0.5 = 0.2 kg x 80 = 16.00: 11.06 - 10 + 16 = 17.06
        self.assertAlmostEqual(self.beef_noodles.boh_recipe_cost, 17.06)


@tagged("post_install", "-at_install")
class TestSupplierCostSource(RecipeCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.beef_noodles.product_tmpl_id.boh_menu_owner_id = cls.manager_a
        cls.beef.product_tmpl_id.write(
            {"responsible_id": cls.buyer.id, "uom_po_id": cls.gram.id}
        )
        cls.foreign = cls.env["res.currency"].search(
            [("id", "!=", cls.company.currency_id.id), ("active", "in", (True, False))],
            limit=1,
        )
        cls.foreign.active = True
        cls.env["res.currency.rate"].search(
            [("currency_id", "=", cls.foreign.id)]
        ).unlink()
        # 2 units of the foreign currency per unit of the company's
        cls.env["res.currency.rate"].create(
            {
                "currency_id": cls.foreign.id,
                "rate": 2.0,
                "name": "2000-01-01",
                "company_id": cls.company.id,
            }
        )
        cls.partner = cls.env["res.partner"].create({"name": "Test meat supplier"})
        cls.env["product.supplierinfo"].create(
            [
                # not valid for one unit: needs 10 kg = 10,000 g
                {
                    "partner_id": cls.partner.id,
                    "product_tmpl_id": cls.beef.product_tmpl_id.id,
                    "price": 0.01,
                    "min_qty": 10000,
                    "sequence": 1,
                    "currency_id": cls.foreign.id,
                },
                # the preferred: 0.18 per g in the foreign currency = 0.09
                # per g = 90 per kg
                {
                    "partner_id": cls.partner.id,
                    "product_tmpl_id": cls.beef.product_tmpl_id.id,
                    "price": 0.18,
                    "min_qty": 0,
                    "sequence": 2,
                    "currency_id": cls.foreign.id,
                },
            ]
        )
        cls.info = cls.beef.seller_ids.filtered(lambda s: s.sequence == 2)

    def test_cost_source_switch(self):
        # valuation: supplier prices ignored
        self.assertAlmostEqual(self.beef_noodles.boh_recipe_cost, 11.06)
        self.assertFalse(self.beef_noodles.boh_cost_fallback_product_ids)
        self.company.boh_recipe_cost_source = "supplier"
        # beef 0.125 x 90 = 11.25 instead of 10.00: 12.31; / 38 = 32.39%
        self.assertAlmostEqual(self.beef_noodles.boh_recipe_cost, 12.31)
        self.assertAlmostEqual(self.beef_noodles.boh_food_cost_pct, 32.39)
        # the others have no supplier: costed at their valuation, and said so
        self.assertEqual(
            self.beef_noodles.boh_cost_fallback_product_ids,
            self.noodles
            | self.soy
            | self.sugar
            | self.ginger
            | self.scallion
            | self.sesame_oil,
        )
        # switching the source is not a price move: no to-do
        self.assertFalse(
            self.env["mail.activity"].search([("user_id", "=", self.buyer.id)])
        )

    def test_supplier_price_change_alerts_once(self):
        self.company.boh_recipe_cost_source = "supplier"
        self.beef_noodles.product_tmpl_id.boh_target_food_cost_pct = 33.0
        activities = self.env["mail.activity"]
        before = activities.search_count([])
        self.info.price = 0.2
        # 0.10 per g = 100 per kg: 11.06 + 2.50 = 13.56; / 38 = 35.68%
        self.assertAlmostEqual(self.beef_noodles.boh_food_cost_pct, 35.68)
        alerts = activities.search(
            [("res_id", "=", self.beef_noodles.product_tmpl_id.id)]
        )
        self.assertEqual(alerts.user_id, self.manager_a | self.buyer)
        self.assertEqual(activities.search_count([]), before + 2)
        self.assertIn("33.0%", alerts[0].note)
        self.info.price = 0.22
        self.assertEqual(activities.search_count([]), before + 2)
        # a cheaper supplier line created first in sequence: re-costed
        self.env["product.supplierinfo"].create(
            {
                "partner_id": self.partner.id,
                "product_tmpl_id": self.beef.product_tmpl_id.id,
                "price": 0.16,
                "sequence": 0,
                "currency_id": self.foreign.id,
            }
        )
        # 0.08 per g = 80 per kg: back to 11.06
        self.assertAlmostEqual(self.beef_noodles.boh_recipe_cost, 11.06)
        self.assertFalse(self.beef_noodles.boh_below_target)

    def test_supplier_price_ignored_under_valuation(self):
        self.info.price = 0.5
        self.assertAlmostEqual(self.beef_noodles.boh_recipe_cost, 11.06)
