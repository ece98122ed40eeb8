from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestRecipeDemo(TransactionCase):
    def test_demo_menu(self):
        loader = self.env["boh.demo.loader"]
        self.assertTrue(loader.load_recipe_demo())
        dishes = self.env["product.product"].search(
            [("default_code", "=like", "BOH-MENU-%"), ("sale_ok", "=", True)]
        )
        self.assertEqual(len(dishes), 10)
        self.assertTrue(all(dishes.mapped("boh_is_recipe")))
        self.assertTrue(all(d.boh_recipe_cost > 0 for d in dishes))
        above = dishes.filtered("boh_below_target")
        self.assertEqual(above.mapped("name"), ["Shrimp wonton soup"])
        noodle = dishes.filtered(lambda d: d.name == "Braised beef noodle soup")
        kit = noodle._boh_recipe_matrix("kit")[noodle.id]
        full = noodle._boh_recipe_matrix("all")[noodle.id]
        names = {p.name for p in self.env["product.product"].browse(list(kit))}
        # the central kitchen's braised beef and sauce are stock items for a
        # store; costing goes through them to the beef
        self.assertIn("Braised beef", names)
        self.assertIn("House chili sauce", names)
        full_names = {p.name for p in self.env["product.product"].browse(list(full))}
        self.assertIn("Beef slice", full_names)
        self.assertNotIn("Braised beef", full_names)
        dumplings = dishes.filtered(lambda d: d.name.startswith("Pork dumplings"))
        kit_names = {
            p.name
            for p in self.env["product.product"].browse(
                list(dumplings._boh_recipe_matrix("kit")[dumplings.id])
            )
        }
        # the filling and the dough are made in the store: their ingredients
        self.assertIn("Minced pork", kit_names)
        self.assertNotIn("Dumpling filling", kit_names)
        # loading twice adds nothing
        self.assertFalse(loader.load_recipe_demo())
