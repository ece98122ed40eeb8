from datetime import timedelta

from odoo.tests import tagged

from odoo.addons.boh_forecast_ordering.tests.test_suggestions import SuggestionCase

from .common import RecipeMixin


@tagged("post_install", "-at_install")
class TestExplanation(RecipeMixin, SuggestionCase):
    """Flour (kg) has no forecast of its own; four dishes use it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        flour = cls.product_1
        cls.bread = cls._make_dish("Bread", [(flour, 0.4)])
        cls.pie = cls._make_dish("Pie", [(flour, 0.2)])
        cls.cake = cls._make_dish("Cake", [(flour, 0.1)])
        cls.cookie = cls._make_dish("Cookie", [(flour, 0.02)])

    def _explode(self, figures):
        job = self._write_flat_forecasts(self.store_a, self.today, 14, figures)
        job._forecast_recipes({"forecast_count": 14 * len(figures)})

    def _flour_line(self, user=None):
        order = self._create_order(
            user=user, delivery_date=self.today + timedelta(days=2)
        )
        return order.line_ids.filtered(lambda ln: ln.product_id == self.product_1)

    def test_top_dishes_named_with_their_share(self):
        # 10 of each a day: bread 4 kg, pie 2, cake 1, cookie 0.2 of 7.2 kg
        self._explode(
            {
                d: (10.0, 8.0, 10.0, 12.0)
                for d in (self.bread, self.pie, self.cake, self.cookie)
            }
        )
        # the store's manager makes the order: her own rights suffice
        exp = self._flour_line(self.manager_a).suggestion_explanation
        self.assertEqual(exp["method"], "forecast")
        # 3 days of coverage: 21.6 kg
        self.assertAlmostEqual(exp["forecast"], 21.6, places=3)
        recipe = exp["recipe"]
        self.assertEqual(recipe["source"], "recipe")
        self.assertEqual(
            [(d["name"], d["share"]) for d in recipe["dishes"]],
            [("Bread", 56), ("Pie", 28), ("Cake", 14)],
        )
        self.assertEqual(
            recipe["text"],
            "Forecast from the dishes that use it: Bread makes 56% of it, Pie 28%"
            " and Cake 14%.",
        )
        self.assertIn("No demand history of its own", recipe["choice"])

    def test_two_dishes_one_sentence(self):
        self._explode(
            {self.bread: (5.0, 4.0, 5.0, 6.0), self.cake: (10.0, 8.0, 10.0, 12.0)}
        )
        exp = self._flour_line().suggestion_explanation
        # bread 2 kg, cake 1 kg a day
        self.assertEqual(
            exp["recipe"]["text"],
            "Forecast from the dishes that use it: Bread makes 67% of it and Cake 33%.",
        )

    def test_history_source_says_nothing_of_dishes(self):
        # cups keep the forecast of their own history: no recipe part, while
        # flour on the same order is explained by its dishes
        self._explode(
            {
                self.product_2: (10.0, 8.0, 10.0, 12.0),
                self.bread: (5.0, 4.0, 5.0, 6.0),
            }
        )
        lines = self._order().line_ids
        cups = lines.filtered(lambda ln: ln.product_id == self.product_2)
        flour = lines.filtered(lambda ln: ln.product_id == self.product_1)
        self.assertEqual(cups.suggestion_explanation["method"], "forecast")
        self.assertNotIn("recipe", cups.suggestion_explanation)
        self.assertEqual(
            flour.suggestion_explanation["recipe"]["text"],
            "Forecast from the dishes that use it: Bread makes 100% of it.",
        )
