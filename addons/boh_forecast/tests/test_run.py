from datetime import timedelta
from unittest import mock

import numpy as np
from boh_engine import FALLBACK, MODELS

from odoo.exceptions import UserError

from odoo.addons.queue_job.job import identity_exact

from .common import ForecastCase, trap_jobs


class TestForecastRun(ForecastCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # 10 weeks of steady demand in A and B; p2 triples in A's last week
        for store in (cls.store_a, cls.store_b):
            cls._history(store, cls.p1, cls._weekly_pattern(10, 10.0, seed=1))
        spike = cls._weekly_pattern(9, 5.0, seed=2) + [15.0, 16, 17, 15, 18, 20, 19]
        cls._history(cls.store_a, cls.p2, spike)
        cls._history(cls.store_a, cls.p3, cls._weekly_pattern(10, 3.0, seed=3))
        cls.Run = cls.env["boh.forecast.run"]

    def _run(self, **vals):
        return self.Run.create(
            {
                "date_origin": self.ORIGIN,
                "horizon_days": 14,
                "store_ids": [(6, 0, (self.store_a | self.store_b).ids)],
                **vals,
            }
        )

    def test_jobs_queued_once_per_store(self):
        run = self._run()
        with trap_jobs() as trap:
            run.action_start()
            trap.assert_jobs_count(2)
            job_a = run.run_store_ids.filtered(lambda j: j.store_id == self.store_a)
            trap.assert_enqueued_job(
                job_a._job_forecast,
                properties={"identity_key": identity_exact},
            )
            # queuing the same job again adds nothing
            job_a._enqueue()
            trap.assert_jobs_count(2)
            self.assertEqual(run.state, "running")
            self.assertEqual(run.progress, 0.0)
            trap.perform_enqueued_jobs()
        self.assertEqual(run.state, "done")
        self.assertEqual(run.progress, 100.0)
        self.assertEqual(run.series_count, 4)
        forecasts = self.env["boh.forecast"].search([("run_id", "=", run.id)])
        self.assertEqual(len(forecasts), 4 * 14)
        self.assertEqual(min(forecasts.mapped("date")), self.ORIGIN)
        unordered = forecasts.filtered(lambda f: not f.p10 <= f.p50 <= f.p90)
        self.assertFalse(unordered, f"p10 <= p50 <= p90 broken: {unordered}")
        stale = forecasts.filtered(lambda f: not f.is_current)
        self.assertFalse(stale, f"forecasts of the run not current: {stale}")
        self.assertTrue(run.model_summary)
        with self.assertRaises(UserError):
            run.action_start()
        # classes and exceptions were refreshed from the history
        classes = self.env["boh.forecast.product.class"].search(
            [("store_id", "=", self.store_a.id)]
        )
        self.assertEqual(len(classes), 3)
        self.assertEqual(
            classes.filtered(lambda c: c.product_id == self.p1).abc_class, "a"
        )
        spike = self.env["boh.forecast.exception"].search(
            [("store_id", "=", self.store_a.id), ("product_id", "=", self.p2.id)]
        )
        self.assertIn("spike", spike.mapped("exception_type"))
        self.assertIn("sold in the last 7 days", spike[0].reason)

    def test_check_requeues_until_the_last_job_is_over(self):
        """A check that still sees a job running queues the next check."""
        run = self._run()
        with trap_jobs() as trap:
            run.action_start()
            job_a, job_b = run.run_store_ids
            job_a.state = "done"
            job_b.state = "running"
            self.assertIn("checked again", run._job_check_finished())
            self.assertEqual(run.state, "running")
            trap.assert_enqueued_job(
                run._job_check_finished,
                properties={"identity_key": identity_exact, "priority": 5},
            )
            checks = [
                j for j in trap.enqueued_jobs if j.method_name == "_job_check_finished"
            ]
            self.assertEqual(len(checks), 1)
            # a second check while one is pending adds nothing
            run._enqueue_check_finished()
            checks = [
                j for j in trap.enqueued_jobs if j.method_name == "_job_check_finished"
            ]
            self.assertEqual(len(checks), 1)
            job_b.state = "done"
            self.assertEqual(run._job_check_finished(), "Closed.")
        self.assertEqual(run.state, "done")
        self.assertEqual(run._job_check_finished(), "Already closed.")

    def test_failing_series_does_not_stop_the_run(self):
        # the model fails on p3 (the only series of a mean below 4): the engine
        # forecasts p3 with its fallback model and says why; the others are
        # forecast as usual
        original = MODELS["ets"].forecast

        def forecast(model, ctx):
            with np.errstate(all="ignore"):
                low = np.nanmean(np.where(ctx.y > 0, ctx.y, 0), axis=1) < 4
            if low.any():
                raise ValueError("broken series")
            return original(model, ctx)

        self.env["ir.config_parameter"].sudo().set_param("boh_forecast.method", "ets")
        run = self._run()
        broken = mock.patch.object(MODELS["ets"], "forecast", forecast)
        with broken, trap_jobs() as trap:
            run.action_start()
            trap.perform_enqueued_jobs()
        self.assertEqual(run.state, "done")
        self.assertEqual(run.error_count, 1)
        self.assertEqual(run.error_ids.product_id, self.p3)
        self.assertIn("broken series", run.error_ids.message)
        self.assertIn("forecast with ma", run.error_ids.message)
        forecasts = self.env["boh.forecast"].search([("run_id", "=", run.id)])
        self.assertEqual(forecasts.product_id, self.p1 | self.p2 | self.p3)
        p3 = forecasts.filtered(lambda f: f.product_id == self.p3)
        self.assertEqual(set(p3.mapped("model")), {FALLBACK})
        others = forecasts - p3
        self.assertEqual(set(others.mapped("model")), {"ets"})
        self.assertTrue(all(f.qty > 0 for f in p3))

    def test_new_run_replaces_current_and_keeps_horizons(self):
        first = self._run()
        first.with_context(queue_job__no_delay=True).action_start()
        second = self._run(date_origin=self.ORIGIN + timedelta(days=1))
        second.with_context(queue_job__no_delay=True).action_start()
        Forecast = self.env["boh.forecast"]
        self.assertFalse(
            Forecast.search([("run_id", "=", first.id), ("is_current", "=", True)])
        )
        kept = Forecast.search([("run_id", "=", first.id)])
        self.assertEqual(set(kept.mapped("horizon")), {1, 7, 14})
        self.assertEqual(
            Forecast.search_count(
                [("run_id", "=", second.id), ("is_current", "=", True)]
            ),
            4 * 14,
        )

    def test_closure_and_promotion(self):
        closed = self.ORIGIN + timedelta(days=2)
        self.env["boh.forecast.holiday"].create(
            {
                "name": "Renovation",
                "holiday_type": "closure",
                "store_id": self.store_a.id,
                "date_from": closed,
                "date_to": closed,
            }
        )
        with self.assertRaises(UserError):
            self.env["boh.forecast.promotion"].create(
                {"name": "Empty", "date_from": closed, "date_to": closed}
            )
        run = self._run(store_ids=[(6, 0, self.store_a.ids)])
        run.with_context(queue_job__no_delay=True).action_start()
        on_closed = self.env["boh.forecast"].search(
            [("run_id", "=", run.id), ("date", "=", closed)]
        )
        self.assertTrue(on_closed)
        self.assertEqual(set(on_closed.mapped("qty")), {0.0})

    def test_store_without_history(self):
        run = self._run(store_ids=[(6, 0, self.store_c.ids)])
        run.with_context(queue_job__no_delay=True).action_start()
        self.assertEqual(run.state, "done")
        self.assertEqual(run.run_store_ids.message, "No demand history.")
