from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import RecipeForecastCase


@tagged("post_install", "-at_install")
class TestAccess(RecipeForecastCase):
    """Ingredient forecasts and their sources follow the forecasts' rules."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for store in (cls.store_a, cls.store_b, cls.store_c):
            job = cls._write_flat_forecasts(
                store, cls.ORIGIN, 7, {cls.pizza: (10.0, 8.0, 10.0, 12.0)}
            )
            job._forecast_recipes({"forecast_count": 7})

    def _visible(self, user, model, **extra):
        domain = [("product_id", "=", self.flour.id)]
        if model == "boh.forecast":
            domain.append(("model", "=", "recipe"))
        return self.env[model].with_user(user).search(domain).store_id

    def test_roles_see_their_stores(self):
        a, b, c = self.store_a, self.store_b, self.store_c
        expected = {
            self.staff_a: a,
            self.manager_a: a,
            self.manager_b: b,
            self.area_1: a | b,
            self.area_2: c,
            self.buyer: a | b | c,
            self.executive: a | b | c,
        }
        for model in ("boh.forecast", "boh.forecast.recipe.choice"):
            for user, stores in expected.items():
                self.assertEqual(
                    self._visible(user, model), stores, f"{model} {user.login}"
                )

    def test_nobody_writes_a_choice(self):
        choice = self.Choice.search(
            [("store_id", "=", self.store_a.id), ("product_id", "=", self.flour.id)]
        )
        self.assertEqual(choice.source, "recipe")
        before = choice.read(["source", "wape_recipe", "dish_qty"])
        for user in (
            self.manager_a,
            self.area_1,
            self.buyer,
            self.executive,
            self.boh_admin,
        ):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                choice.with_user(user).write({"source": "history"})
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.Choice.with_user(user).create(
                    {
                        "store_id": self.store_a.id,
                        "product_id": self.p1.id,
                        "company_id": self.store_a.company_id.id,
                        "source": "history",
                        "reason": "backtest",
                    }
                )
        choice.invalidate_recordset()
        self.assertEqual(choice.read(["source", "wape_recipe", "dish_qty"]), before)
        self.assertFalse(self.Choice.search([("product_id", "=", self.p1.id)]))
