import numpy as np

from odoo.tests import tagged

from .common import RecipeForecastCase, trap_jobs


@tagged("post_install", "-at_install")
class TestChoice(RecipeForecastCase):
    """Ten weeks of history in store A, a run of 14 days from ORIGIN.

    * flour: pizza and pasta sell regularly (weekly pattern); flour's own
      rows (sold directly) are small and erratic: the recipes forecast its
      usage much better than its own history.
    * oil: a catering tray that takes 0.25 oil sells 120 at a time on a few
      days; oil's own rows are large and regular: its own history is better.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.oil = cls._make_ingredient("Test RF oil")
        cls.tray = cls._make_dish("Test RF catering tray", [(cls.oil, 0.25)])
        store = cls.store_a
        cls._history(store, cls.pizza, cls._weekly_pattern(10, 20.0, seed=1))
        cls._history(store, cls.pasta, cls._weekly_pattern(10, 10.0, seed=2))
        direct = np.random.default_rng(7).choice([0.0, 0.0, 0.0, 0.0, 3.0], 70)
        cls._history(store, cls.flour, list(direct))
        lumps = np.where(np.random.default_rng(1).random(70) < 0.05, 120.0, 0.0)
        cls._history(store, cls.tray, list(lumps))
        cls._history(store, cls.oil, cls._weekly_pattern(10, 10.0, seed=4))

    def _run(self):
        run = self.env["boh.forecast.run"].create(
            {
                "date_origin": self.ORIGIN,
                "horizon_days": 14,
                "store_ids": [(6, 0, self.store_a.ids)],
            }
        )
        with trap_jobs() as trap:
            run.action_start()
            trap.perform_enqueued_jobs()
        self.assertEqual(run.state, "done")
        return run

    def test_better_source_kept_by_backtest(self):
        run = self._run()
        choices = self.Choice.search([("store_id", "=", self.store_a.id)])
        by_product = {c.product_id: c for c in choices}
        self.assertEqual(
            set(by_product), {self.flour, self.cheese, self.tomato, self.oil}
        )
        flour, oil = by_product[self.flour], by_product[self.oil]
        for choice in (flour, oil):
            self.assertEqual(choice.reason, "backtest")
            self.assertEqual(choice.backtest_weeks, 4)
            self.assertEqual(choice.run_id, run)
        # flour: the recipes by far
        self.assertEqual(flour.source, "recipe")
        self.assertLess(flour.wape_recipe * 2, flour.wape_history)
        self.assertIn("The recipes forecast best", flour.explanation)
        rows = self._rows(self.store_a, self.flour)
        self.assertEqual(set(rows.mapped("model")), {"recipe"})
        self.assertEqual(len(rows), 14)
        # oil: its own history
        self.assertEqual(oil.source, "history")
        self.assertLess(oil.wape_history, oil.wape_recipe_history)
        self.assertLess(oil.wape_history, oil.wape_recipe)
        self.assertIn("Its own history forecasts best", oil.explanation)
        oil_rows = self._rows(self.store_a, self.oil)
        self.assertEqual(len(oil_rows), 14)
        self.assertNotIn("recipe", oil_rows.mapped("model"))
        # cheese and tomato have no rows of their own: the recipes only
        self.assertEqual(by_product[self.cheese].reason, "no_history")
        self.assertEqual(
            set(self._rows(self.store_a, self.cheese).mapped("model")), {"recipe"}
        )
        # the run counts the recipe series among its models
        self.assertEqual(run.model_counts.get("recipe"), 3)
        self.assertIn("recipe", run.model_summary)

    def test_company_setting_off(self):
        self.env.company.boh_recipe_forecast = False
        self._run()
        self.assertFalse(self.Choice.search([("store_id", "=", self.store_a.id)]))
        self.assertFalse(
            self.Forecast.search(
                [("store_id", "=", self.store_a.id), ("model", "=", "recipe")]
            )
        )
        # the ingredients' own forecasts are there as without this addon
        self.assertEqual(len(self._rows(self.store_a, self.flour)), 14)
