from odoo.exceptions import AccessError

from .common import ForecastCase


class TestAccess(ForecastCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for store in cls.test_stores:
            cls._history(store, cls.p1, cls._weekly_pattern(6, 8.0))
        run = cls.env["boh.forecast.run"].create(
            {
                "date_origin": cls.ORIGIN,
                "horizon_days": 7,
                "store_ids": [(6, 0, cls.test_stores.ids)],
            }
        )
        run.with_context(queue_job__no_delay=True).action_start()
        cls.forecast_run = run

    def _stores_seen(self, user, model):
        return self.env[model].with_user(user).search([]).store_id & self.test_stores

    def test_store_users_see_their_stores_only(self):
        for model in (
            "boh.forecast",
            "boh.demand.daily",
            "boh.forecast.product.class",
        ):
            self.assertEqual(self._stores_seen(self.staff_a, model), self.store_a)
            self.assertEqual(self._stores_seen(self.manager_b, model), self.store_b)
            self.assertEqual(
                self._stores_seen(self.area_1, model), self.store_a | self.store_b
            )
            self.assertEqual(self._stores_seen(self.area_2, model), self.store_c)
            self.assertEqual(self._stores_seen(self.buyer, model), self.test_stores)
            self.assertEqual(self._stores_seen(self.executive, model), self.test_stores)

    def test_record_of_another_store_is_refused(self):
        forecast_b = self.env["boh.forecast"].search(
            [("store_id", "=", self.store_b.id)], limit=1
        )
        with self.assertRaises(AccessError):
            forecast_b.with_user(self.staff_a).read(["qty"])
        with self.assertRaises(AccessError):
            forecast_b.with_user(self.area_2).read(["qty"])

    def test_planners_manage_runs_and_drivers(self):
        with self.assertRaises(AccessError):
            self.env["boh.forecast.run"].with_user(self.manager_a).create({})
        with self.assertRaises(AccessError):
            self.forecast_run.with_user(self.staff_a).read(["name"])
        with self.assertRaises(AccessError):
            self.env["boh.forecast.promotion"].with_user(self.area_1).create(
                {
                    "name": "Nope",
                    "date_from": self.ORIGIN,
                    "date_to": self.ORIGIN,
                    "product_ids": [(6, 0, self.p1.ids)],
                }
            )
        with self.assertRaises(AccessError):
            self.forecast_run.with_user(self.executive).write({"name": "x"})
        run = (
            self.env["boh.forecast.run"]
            .with_user(self.buyer)
            .create({"date_origin": self.ORIGIN, "horizon_days": 7})
        )
        self.assertEqual(run.state, "draft")
        promo = (
            self.env["boh.forecast.promotion"]
            .with_user(self.buyer)
            .create(
                {
                    "name": "Two for one",
                    "date_from": self.ORIGIN,
                    "date_to": self.ORIGIN,
                    "product_ids": [(6, 0, self.p1.ids)],
                }
            )
        )
        self.assertTrue(promo)
        with self.assertRaises(AccessError):
            self.env["boh.forecast.api.key"].with_user(self.buyer).search([])

    def test_manager_reviews_exceptions_of_own_store(self):
        Exception_ = self.env["boh.forecast.exception"]
        exc_a, exc_b = Exception_.create(
            [
                {
                    "store_id": store.id,
                    "product_id": self.p1.id,
                    "exception_type": "spike",
                    "reason": "test",
                }
                for store in (self.store_a, self.store_b)
            ]
        )
        exc_a.with_user(self.manager_a).action_mark_reviewed()
        self.assertEqual(exc_a.state, "reviewed")
        with self.assertRaises(AccessError):
            exc_b.with_user(self.manager_a).action_mark_reviewed()
        with self.assertRaises(AccessError):
            exc_a.with_user(self.staff_a).action_mark_reviewed()
        seen = Exception_.with_user(self.area_2).search(
            [("id", "in", (exc_a | exc_b).ids)]
        )
        self.assertFalse(seen)
