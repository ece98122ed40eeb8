from odoo.addons.queue_job.job import identity_exact

from .common import ForecastCase, trap_jobs


class TestNightlyCron(ForecastCase):
    def test_nightly_cron_queues_one_job_per_store_once(self):
        Run = self.env["boh.forecast.run"]
        stores = self.env["boh.store"].search(
            [("store_type", "=", "store"), ("company_id", "=", self.env.company.id)]
        )
        self.assertGreaterEqual(len(stores), 3)
        with trap_jobs() as trap:
            Run._cron_nightly()
            run = Run.search([("trigger", "=", "cron")])
            self.assertEqual(len(run), 1)
            self.assertEqual(run.state, "running")
            self.assertEqual(run.run_store_ids.store_id, stores)
            trap.assert_jobs_count(len(stores))
            for job in run.run_store_ids:
                trap.assert_enqueued_job(
                    job._job_forecast, properties={"identity_key": identity_exact}
                )
            # queuing the jobs again adds none
            run.run_store_ids._enqueue()
            trap.assert_jobs_count(len(stores))
            keys = {job.identity_key for job in trap.enqueued_jobs}
            self.assertEqual(len(keys), len(stores))
            # the next night while the run is still busy: no second run
            Run._cron_nightly()
            self.assertEqual(Run.search_count([("trigger", "=", "cron")]), 1)
            trap.assert_jobs_count(len(stores))
            trap.perform_enqueued_jobs()
        self.assertEqual(run.state, "done")
        # once done, the next night starts a new run
        with trap_jobs() as trap:
            Run._cron_nightly()
            self.assertEqual(Run.search_count([("trigger", "=", "cron")]), 2)
            trap.assert_jobs_count(len(stores))
