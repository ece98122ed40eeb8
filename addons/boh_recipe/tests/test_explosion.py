from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import RecipeCase


@tagged("post_install", "-at_install")
class TestRecipeExplosion(RecipeCase):
    def test_kit_stops_at_central_kitchen_items(self):
        matrix = (self.beef_noodles | self.dumplings)._boh_recipe_matrix("kit")
        # noodles 150 g = 0.15 kg; beef 100 g / 0.8 = 125 g = 0.125 kg;
        # sauce (normal BoM, a stock item for the store) 50 ml = 0.05 L;
        # scallion mix (kit) 20 g = 0.02 kg; the mix's BoM yields 500 g, so
        # 1 kg is 2 runs: scallion 2 x 450 g / 0.9 = 1000 g = 1 kg/kg and
        # sesame oil 2 x 10 ml = 0.02 L/kg; x 0.02 kg of mix:
        # scallion 0.02 kg, sesame oil 0.0004 L
        self.assertRow(
            matrix[self.beef_noodles.id],
            {
                self.noodles: 0.15,
                self.beef: 0.125,
                self.sauce: 0.05,
                self.scallion: 0.02,
                self.sesame_oil: 0.0004,
            },
        )
        # the BoM yields a dozen: one dumpling is 1/12 run; wrapper
        # 12 / 12 = 1 Unit; pork 240 g / 0.8 / 12 = 25 g = 0.025 kg
        self.assertRow(matrix[self.dumplings.id], {self.wrapper: 1.0, self.pork: 0.025})

    def test_all_explodes_every_level(self):
        matrix = self.beef_noodles._boh_recipe_matrix(through="all")
        # the sauce yields 5 L: per L soy 1 L / 5 = 0.2 L, sugar 0.25 kg / 5
        # = 0.05 kg, ginger 0.2 kg / 0.5 / 5 = 0.08 kg; x 0.05 L of sauce:
        # soy 0.01 L, sugar 0.0025 kg, ginger 0.004 kg
        self.assertRow(
            matrix[self.beef_noodles.id],
            {
                self.noodles: 0.15,
                self.beef: 0.125,
                self.soy: 0.01,
                self.sugar: 0.0025,
                self.ginger: 0.004,
                self.scallion: 0.02,
                self.sesame_oil: 0.0004,
            },
        )

    def test_products_without_bom_are_absent(self):
        products = self.beef_noodles | self.sauce | self.beef
        kit = products._boh_recipe_matrix("kit")
        # the sauce has a normal BoM only: nothing to explode for a store
        self.assertEqual(set(kit), {self.beef_noodles.id})
        both = products._boh_recipe_matrix("all")
        self.assertEqual(set(both), {self.beef_noodles.id, self.sauce.id})
        self.assertRow(
            both[self.sauce.id],
            {self.soy: 0.2, self.sugar: 0.05, self.ginger: 0.08},
        )

    def test_dish_unit_differs_from_bom_unit(self):
        # the sauce sold by the litre, recipe written for 5 L; the same
        # ingredient on two lines adds up: ginger 0.2 kg / 0.5 + 0.1 kg / 1
        # = 0.5 kg per 5 L = 0.1 kg/L
        self.bom_sauce.bom_line_ids = [
            (
                0,
                0,
                {
                    "product_id": self.ginger.id,
                    "product_qty": 100,
                    "product_uom_id": self.gram.id,
                },
            )
        ]
        row = self.sauce._boh_recipe_matrix("all")[self.sauce.id]
        self.assertAlmostEqual(row[self.ginger.id], 0.1, places=9)
        # the sauce's own unit in ml: 1 ml = 0.001 L, 0.2 L/L soy -> 0.0002 L
        self.sauce.product_tmpl_id.write(
            {"uom_id": self.ml.id, "uom_po_id": self.ml.id}
        )
        row = self.sauce._boh_recipe_matrix("all")[self.sauce.id]
        self.assertAlmostEqual(row[self.soy.id], 0.0002, places=12)

    def test_cycle_names_the_products(self):
        # Odoo's own check refuses the cycle at creation: make it in SQL,
        # the way an import or another company's BoM could leave it
        line = self.line_of(self.bom_sauce, self.soy)
        self.env.cr.execute(
            "UPDATE mrp_bom_line SET product_id = %s, product_uom_id = %s"
            " WHERE id = %s",
            (self.beef_noodles.id, self.unit.id, line.id),
        )
        self.env.invalidate_all()
        # through kit the sauce is not exploded: no cycle for a store
        self.assertIn(self.beef_noodles.id, self.beef_noodles._boh_recipe_matrix())
        with self.assertRaises(UserError) as caught:
            self.beef_noodles._boh_recipe_matrix("all")
        self.assertIn("Test beef noodles", str(caught.exception))
        self.assertIn("Test house sauce", str(caught.exception))
        self.assertNotIn("Test scallion mix", str(caught.exception))

    def test_yield_out_of_range_refused(self):
        line = self.line_of(self.bom_noodles, self.beef)
        for value in (0.0, -10.0, 100.5):
            with self.assertRaises(ValidationError) as caught:
                line.boh_yield_pct = value
            message = str(caught.exception)
            self.assertIn(self.bom_noodles.display_name, message)
            self.assertIn("Test beef", message)
            self.assertIn("Yield", message)
        self.assertEqual(line.boh_yield_pct, 80.0)
        # a yield written around the ORM is refused by the explosion too
        self.env.cr.execute(
            "UPDATE mrp_bom_line SET boh_yield_pct = 0 WHERE id = %s", (line.id,)
        )
        self.env.invalidate_all()
        with self.assertRaises(ValidationError):
            self.beef_noodles._boh_recipe_matrix()

    def test_unknown_through_refused(self):
        with self.assertRaises(UserError):
            self.beef_noodles._boh_recipe_matrix("phantom")

    def test_queries_do_not_grow_with_dishes(self):
        """One level of every dish is read at once: 3 dishes or 30 dishes
        sharing the same sub-recipes cost the same number of queries."""
        dishes = self.env["product.product"].create(
            [{"name": f"Test bowl {i}", "sale_ok": True} for i in range(30)]
        )
        for dish in dishes:
            self.make_bom(
                dish,
                1,
                self.unit,
                "phantom",
                [(self.noodles, 100, self.gram, 100), (self.sauce, 30, self.ml, 100)],
            )

        def count(products):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            matrix = products._boh_recipe_matrix("all")
            self.assertEqual(len(matrix), len(products))
            return self.env.cr.sql_log_count - before

        self.assertEqual(count(dishes[:3]), count(dishes))
