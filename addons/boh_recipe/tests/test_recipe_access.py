from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import RecipeCase


@tagged("post_install", "-at_install")
class TestRecipeAccess(RecipeCase):
    """Staff read recipes, store managers and up read costs, buyers and BOH
    admins edit recipes and targets."""

    def test_staff_read_recipes_not_costs(self):
        staff = self.staff_a
        line = self.line_of(self.bom_noodles, self.beef).with_user(staff)
        self.assertEqual(line.boh_yield_pct, 80.0)
        self.assertEqual(line.bom_id.product_qty, 1.0)
        # the explosion is open to whoever reads the recipes
        matrix = self.beef_noodles.with_user(staff)._boh_recipe_matrix()
        self.assertAlmostEqual(matrix[self.beef_noodles.id][self.beef.id], 0.125)
        dish = self.beef_noodles.with_user(staff)
        for fname in ("boh_recipe_cost", "boh_food_cost_pct", "boh_margin"):
            with self.assertRaises(AccessError):
                dish.read([fname])
        with self.assertRaises(AccessError):
            dish.product_tmpl_id.read(["boh_recipe_cost"])

    def test_managers_and_executive_read_costs(self):
        for user in (self.manager_a, self.area_1, self.executive, self.buyer):
            values = self.beef_noodles.with_user(user).read(
                ["boh_recipe_cost", "boh_food_cost_pct", "boh_target_food_cost_pct"]
            )[0]
            self.assertAlmostEqual(values["boh_recipe_cost"], 11.06, msg=user.login)

    def test_store_manager_cannot_edit_recipe_or_target(self):
        line = self.line_of(self.bom_noodles, self.beef)
        template = self.beef_noodles.product_tmpl_id
        for user in (self.manager_a, self.area_1, self.executive):
            with self.assertRaises(AccessError):
                line.with_user(user).write({"boh_yield_pct": 50.0, "product_qty": 1})
            with self.assertRaises(AccessError):
                self.bom_noodles.with_user(user).write({"bom_line_ids": [(2, line.id)]})
            with self.assertRaises(AccessError):
                template.with_user(user).write({"boh_target_food_cost_pct": 80.0})
            with self.assertRaises(AccessError):
                template.with_user(user).write({"boh_menu_owner_id": user.id})
            with self.assertRaises(AccessError):
                self.env["mrp.bom"].with_user(user).create(
                    {"product_tmpl_id": self.beef.product_tmpl_id.id}
                )
        self.env.invalidate_all()
        self.assertEqual(line.boh_yield_pct, 80.0)
        self.assertEqual(line.product_qty, 100.0)
        self.assertTrue(line.exists())
        self.assertEqual(template.boh_target_food_cost_pct, 30.0)
        self.assertFalse(template.boh_menu_owner_id)
        self.assertFalse(self.beef.bom_ids)

    def test_buyer_edits_recipe_and_target(self):
        buyer = self.buyer
        line = self.line_of(self.bom_noodles, self.beef).with_user(buyer)
        line.boh_yield_pct = 50.0
        # beef 0.2 kg x 80 = 16.00: 17.06, re-costed for the buyer
        self.assertAlmostEqual(self.beef_noodles.boh_recipe_cost, 17.06)
        # the target and the owner are set through the wizard, from the
        # Menu Costing list (variants selected)
        wizard = Form(
            self.env["boh.recipe.target.wizard"]
            .with_user(buyer)
            .with_context(
                active_model="product.product", active_ids=self.beef_noodles.ids
            )
        )
        self.assertEqual(wizard.target_food_cost_pct, 30.0)
        wizard.target_food_cost_pct = 50.0
        wizard.menu_owner_id = buyer
        wizard.save().action_apply()
        template = self.beef_noodles.product_tmpl_id
        self.assertEqual(template.boh_menu_owner_id, buyer)
        self.assertEqual(template.boh_target_food_cost_pct, 50.0)
        self.assertEqual(template.write_uid, buyer)

    def test_buyer_writes_no_other_product_field(self):
        """Buyers hold read only on products, as Odoo's purchase users do:
        not even the target is written directly."""
        template = self.beef_noodles.product_tmpl_id
        for vals in (
            {"name": "Renamed"},
            {"list_price": 1.0},
            {"boh_target_food_cost_pct": 50.0},
            {"boh_menu_owner_id": self.buyer.id},
        ):
            for record in (template, self.beef_noodles):
                with self.subTest(model=record._name, vals=vals):
                    with self.assertRaises(AccessError):
                        record.with_user(self.buyer).write(dict(vals))
        with self.assertRaises(AccessError):
            self.beef.with_user(self.buyer).standard_price = 1.0
        self.env.invalidate_all()
        self.assertEqual(template.name, "Test beef noodles")
        self.assertEqual(template.boh_target_food_cost_pct, 30.0)
        self.assertFalse(template.boh_menu_owner_id)

    def test_target_wizard_several_dishes_and_owner_only(self):
        templates = (self.beef_noodles | self.dumplings).product_tmpl_id
        templates.boh_target_food_cost_pct = 35.0
        Wizard = (
            self.env["boh.recipe.target.wizard"]
            .with_user(self.buyer)
            .with_context(active_model="product.template", active_ids=templates.ids)
        )
        # several dishes: nothing is ticked, Apply would change nothing
        form = Form(Wizard)
        self.assertFalse(form.set_target)
        self.assertFalse(form.set_owner)
        wizard = Wizard.create(
            {
                "set_target": False,
                "set_owner": True,
                "menu_owner_id": self.manager_a.id,
            }
        )
        self.assertEqual(wizard.product_tmpl_ids, templates)
        wizard.action_apply()
        for template in templates:
            self.assertEqual(template.boh_menu_owner_id, self.manager_a)
            self.assertEqual(template.boh_target_food_cost_pct, 35.0)

    def test_target_wizard_refusals(self):
        template = self.beef_noodles.product_tmpl_id
        Wizard = self.env["boh.recipe.target.wizard"]
        for user in (self.manager_a, self.area_1, self.executive, self.staff_a):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                Wizard.with_user(user).create(
                    {
                        "product_tmpl_ids": [(6, 0, template.ids)],
                        "target_food_cost_pct": 90.0,
                    }
                )
        for value in ("nan", float("inf"), -1.0, 100.5, "abc"):
            with (
                self.subTest(value=value),
                self.assertRaisesRegex(
                    ValidationError, r"Test beef noodles.*Target Food Cost"
                ),
            ):
                Wizard.with_user(self.buyer).create(
                    {
                        "product_tmpl_ids": [(6, 0, template.ids)],
                        "target_food_cost_pct": value,
                    }
                )
        portal = self.env["res.users"].create(
            {
                "name": "Recipe portal user",
                "login": "recipe_portal_user",
                "groups_id": [(6, 0, self.env.ref("base.group_portal").ids)],
            }
        )
        wizard = Wizard.with_user(self.buyer).create(
            {"product_tmpl_ids": [(6, 0, template.ids)], "menu_owner_id": portal.id}
        )
        with self.assertRaisesRegex(UserError, "Test beef noodles.*not an internal"):
            wizard.action_apply()
        wizard.write({"set_owner": False, "set_target": False})
        with self.assertRaisesRegex(UserError, "choose what to change"):
            wizard.action_apply()
        self.env.invalidate_all()
        self.assertEqual(template.boh_target_food_cost_pct, 30.0)
        self.assertFalse(template.boh_menu_owner_id)

    def test_price_moved_by_user_without_cost_rights_recosts(self):
        """An inventory administrator without a BOH role may change a cost
        but not read recipe costs: the re-costing writes as the system."""
        # groups set by hand: the default user template would add mrp admin
        stock_admin = self.env["res.users"].create(
            {
                "name": "Recipe stock admin",
                "login": "recipe_stock_admin",
                "groups_id": [(6, 0, self.env.ref("stock.group_stock_manager").ids)],
            }
        )
        with self.assertRaises(AccessError):
            self.beef_noodles.with_user(stock_admin).read(["boh_recipe_cost"])
        self.beef.with_user(stock_admin).standard_price = 100.0
        self.assertAlmostEqual(self.beef_noodles.boh_recipe_cost, 13.56)
