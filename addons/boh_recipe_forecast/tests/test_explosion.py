from unittest import mock

import numpy as np

from odoo.tests import tagged

from ..lib import explosion
from .common import RecipeForecastCase


@tagged("post_install", "-at_install")
class TestExplosion(RecipeForecastCase):
    def _explode_store_a(self):
        job = self._write_flat_forecasts(
            self.store_a,
            self.ORIGIN,
            7,
            {
                # mean 10.5, median 10, sigma 2
                self.pizza: self._band(10.0, 2.0, qty=10.5),
                self.pasta: self._band(6.0, 1.0),
                # no recipe: its own forecast stays as it is
                self.p1: (4.0, 3.0, 4.0, 5.0),
            },
        )
        result = job._forecast_recipes(
            {"forecast_count": 21, "series_count": 3, "model_counts": {"ets": 3}}
        )
        return job, result

    def test_dish_forecasts_exploded_with_intervals(self):
        job, result = self._explode_store_a()
        # (ingredient, qty, P50, sigma) worked out by hand:
        # flour  qty 0.2*10.5 + 0.15*6 = 3.0,   P50 0.2*10 + 0.15*6 = 2.9,
        #        sigma sqrt((0.2*2)^2 + (0.15*1)^2) = sqrt(0.1825) = 0.427200
        # cheese qty 0.1*10.5 + 0.05*6 = 1.35,  P50 1.3,
        #        sigma sqrt((0.1*2)^2 + (0.05*1)^2) = sqrt(0.0425) = 0.206155
        # tomato qty 0.05*10.5 = 0.525,         P50 0.5, sigma 0.05*2 = 0.1
        # P10 / P90 = P50 -/+ 1.2816 sigma
        expected = {
            self.flour: (3.0, 2.352522, 2.9, 3.447478),
            self.cheese: (1.35, 1.035801, 1.3, 1.564199),
            self.tomato: (0.525, 0.371845, 0.5, 0.628155),
        }
        for product, (qty, p10, p50, p90) in expected.items():
            rows = self._rows(self.store_a, product)
            self.assertEqual(len(rows), 7, product.name)
            self.assertEqual(set(rows.mapped("model")), {"recipe"}, product.name)
            self.assertEqual(rows.run_id, job.run_id)
            self.assertEqual(sorted(rows.mapped("horizon")), list(range(1, 8)))
            for field, value in (
                ("qty", qty),
                ("p10", p10),
                ("p50", p50),
                ("p90", p90),
            ):
                for row in rows:
                    self.assertAlmostEqual(
                        row[field], value, delta=6e-4, msg=f"{product.name} {field}"
                    )
        # the product without a recipe keeps the forecast of its own history
        own = self._rows(self.store_a, self.p1)
        self.assertEqual(set(own.mapped("model")), {"ets"})
        self.assertEqual(set(own.mapped("qty")), {4.0})
        # dishes keep theirs
        self.assertEqual(
            set(self._rows(self.store_a, self.pizza).mapped("p50")), {10.0}
        )
        # the job's figures count the new series
        self.assertEqual(result["model_counts"], {"ets": 3, "recipe": 3})
        self.assertEqual(result["series_count"], 6)
        self.assertEqual(result["forecast_count"], 42)
        # the order suggestions read them as the current forecasts
        current = self.Forecast._get_current(
            self.store_a.ids, self.flour.ids, self.ORIGIN, 3
        )
        qty, p10, p90 = current[(self.store_a.id, self.flour.id)]
        self.assertEqual(qty, [3.0] * 3)
        self.assertAlmostEqual(p90[0], 3.447, places=3)
        # one choice per ingredient: no history of its own, the recipes
        choices = self.Choice.search([("store_id", "=", self.store_a.id)])
        self.assertEqual(choices.product_id, self.flour | self.cheese | self.tomato)
        self.assertEqual(set(choices.mapped("source")), {"recipe"})
        self.assertEqual(set(choices.mapped("reason")), {"no_history"})
        flour = choices.filtered(lambda c: c.product_id == self.flour)
        self.assertEqual(
            flour.dish_qty, {str(self.pizza.id): 0.2, str(self.pasta.id): 0.15}
        )
        self.assertEqual(flour.dish_count, 2)
        self.assertIn("No demand history of its own", flour.explanation)

    def test_rerun_replaces_rows_and_drops_unused_choices(self):
        self._explode_store_a()
        # the next run forecasts pasta only: tomato is no longer used
        job = self._write_flat_forecasts(
            self.store_a, self.ORIGIN, 7, {self.pasta: self._band(6.0, 1.0)}
        )
        job._forecast_recipes({"forecast_count": 7})
        choices = self.Choice.search([("store_id", "=", self.store_a.id)])
        self.assertEqual(choices.product_id, self.flour | self.cheese)
        self.assertEqual(choices.run_id, job.run_id)
        flour = self._rows(self.store_a, self.flour)
        self.assertEqual(flour.run_id, job.run_id)
        self.assertAlmostEqual(flour[0].p50, 0.9, places=6)
        self.assertFalse(self._rows(self.store_a, self.tomato))

    def test_recipes_and_own_history_added(self):
        """Scores given (the backtest is tested in test_choice): flour best
        from both sources, cheese from its own history."""
        job = self._write_flat_forecasts(
            self.store_a,
            self.ORIGIN,
            7,
            {
                self.pizza: self._band(10.0, 2.0, qty=10.5),
                self.pasta: self._band(6.0, 1.0),
                self.flour: self._band(1.0, 0.3),
                self.cheese: (2.0, 1.0, 2.0, 3.0),
            },
        )
        scores = {
            self.flour.id: {
                "wape": {"history": 0.5, "recipe": 0.3, "recipe_history": 0.2},
                "coverage": {"recipe_history": 0.75},
            },
            self.cheese.id: {
                "wape": {"history": 0.1, "recipe": 0.3, "recipe_history": 0.2},
                "coverage": {"history": 0.8},
            },
        }
        with mock.patch.object(
            type(job), "_score_sources", autospec=True, return_value=scores
        ):
            result = job._forecast_recipes(
                {"forecast_count": 28, "model_counts": {"ets": 4}}
            )
        # flour: recipes (qty 3.0, P50 2.9, sigma^2 0.1825) + own (1.0, 1.0,
        # sigma 0.3): qty 4.0, P50 3.9, sigma sqrt(0.1825 + 0.09) = 0.522015,
        # P10 / P90 = 3.9 -/+ 1.2816 * 0.522015 = 3.231009 / 4.568991
        flour = self._rows(self.store_a, self.flour)
        self.assertEqual(set(flour.mapped("model")), {"recipe"})
        for field, value in (
            ("qty", 4.0),
            ("p10", 3.231),
            ("p50", 3.9),
            ("p90", 4.569),
        ):
            self.assertEqual(set(flour.mapped(field)), {value}, field)
        # cheese keeps its own forecast
        cheese = self._rows(self.store_a, self.cheese)
        self.assertEqual(set(cheese.mapped("model")), {"ets"})
        self.assertEqual(set(cheese.mapped("p50")), {2.0})
        choices = {
            c.product_id: c
            for c in self.Choice.search([("store_id", "=", self.store_a.id)])
        }
        self.assertEqual(choices[self.flour].source, "recipe_history")
        self.assertEqual(choices[self.flour].wape_recipe_history, 20.0)
        self.assertEqual(choices[self.flour].coverage, 75.0)
        self.assertIn("together forecast best", choices[self.flour].explanation)
        self.assertEqual(choices[self.cheese].source, "history")
        self.assertEqual(choices[self.tomato].reason, "no_history")
        # flour's ets counted as recipe now; tomato is a new series
        self.assertEqual(result["model_counts"], {"ets": 3, "recipe": 2})
        self.assertEqual(result["forecast_count"], 35)

    def test_interval_floored_at_zero(self):
        # a dish of median 0.5 and sigma 2: 0.5 - 1.2816 * 2 < 0
        w = np.array([[1.0]])
        out = explosion.explode(
            w,
            [[0.8]],
            [[0.5 - 2 * explosion.Z90]],
            [[0.5]],
            [[0.5 + 2 * explosion.Z90]],
        )
        self.assertEqual(out["p10"][0, 0], 0.0)
        self.assertAlmostEqual(out["p90"][0, 0], 0.5 + 2 * explosion.Z90)
        self.assertAlmostEqual(out["sigma"][0, 0], 2.0)
