import logging
from collections import Counter
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from odoo.addons.queue_job.job import identity_exact

_logger = logging.getLogger(__name__)


class BohForecastRun(models.Model):
    """One forecast of the chain: a job per store, progress and results.

    A run is started nightly by a cron or by a planner.  Each store is
    forecast by its own queue_job job (``boh.forecast.run.store``), so a run
    spreads over every job worker available; a failing series is recorded as
    an error of the run and never stops it.
    """

    _name = "boh.forecast.run"
    _description = "BOH Forecast Run"
    _inherit = ["mail.thread", "boh.guard.mixin"]
    _order = "id desc"

    name = fields.Char(required=True, default=lambda self: _("New run"), copy=False)
    trigger = fields.Selection(
        [("manual", "On Demand"), ("cron", "Nightly")],
        required=True,
        default="manual",
        readonly=True,
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("running", "Running"),
            ("done", "Done"),
            ("failed", "Failed"),
        ],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        copy=False,
    )
    date_origin = fields.Date(
        string="First Forecast Day",
        required=True,
        default=fields.Date.context_today,
        help="History up to the day before is used; forecasts start this day.",
    )
    horizon_days = fields.Integer(
        string="Horizon (days)",
        required=True,
        default=lambda self: self._default_param("horizon_days", 28),
    )
    history_days = fields.Integer(
        string="History (days)",
        required=True,
        default=lambda self: self._default_param("history_days", 730),
    )
    store_ids = fields.Many2many(
        "boh.store",
        string="Stores",
        domain=[("store_type", "=", "store")],
        help="Leave empty to forecast every store.",
    )
    run_store_ids = fields.One2many("boh.forecast.run.store", "run_id", string="Jobs")
    error_ids = fields.One2many("boh.forecast.run.error", "run_id", string="Errors")
    date_started = fields.Datetime(string="Started", readonly=True, copy=False)
    date_finished = fields.Datetime(string="Finished", readonly=True, copy=False)
    duration = fields.Float(
        string="Duration (s)",
        compute="_compute_duration",
        help="Seconds from the start of the run to its last job.",
    )
    stores_total = fields.Integer(compute="_compute_progress")
    stores_done = fields.Integer(compute="_compute_progress")
    progress = fields.Float(compute="_compute_progress")
    series_count = fields.Integer(string="Series", readonly=True, copy=False)
    forecast_count = fields.Integer(string="Forecast Rows", readonly=True, copy=False)
    error_count = fields.Integer(string="Errors", readonly=True, copy=False)
    model_counts = fields.Json(readonly=True, copy=False)
    model_summary = fields.Char(
        string="Models Chosen", compute="_compute_model_summary"
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    # Set by the run's buttons and jobs only.
    _boh_workflow_fields = frozenset(
        {
            "state",
            "trigger",
            "date_started",
            "date_finished",
            "series_count",
            "forecast_count",
            "error_count",
            "model_counts",
        }
    )

    @api.model
    def _default_param(self, name, default):
        value = self.env["ir.config_parameter"].sudo().get_param(f"boh_forecast.{name}")
        try:
            return int(value) if value else default
        except ValueError:
            return default

    @api.depends("date_started", "date_finished")
    def _compute_duration(self):
        now = fields.Datetime.now()
        for run in self:
            if run.date_started:
                end = run.date_finished or now
                run.duration = (end - run.date_started).total_seconds()
            else:
                run.duration = 0.0

    @api.depends("run_store_ids.state")
    def _compute_progress(self):
        groups = self.env["boh.forecast.run.store"]._read_group(
            [("run_id", "in", self.ids)], ["run_id", "state"], ["__count"]
        )
        counts = {}
        for run, state, count in groups:
            counts.setdefault(run.id, Counter())[state] += count
        for run in self:
            per_state = counts.get(run.id, Counter())
            total = sum(per_state.values())
            done = per_state["done"] + per_state["failed"]
            run.stores_total = total
            run.stores_done = done
            run.progress = 100.0 * done / total if total else 0.0

    @api.depends("model_counts")
    def _compute_model_summary(self):
        for run in self:
            counts = run.model_counts or {}
            run.model_summary = ", ".join(
                f"{name} {count}"
                for name, count in sorted(counts.items(), key=lambda kv: -kv[1])
            )

    @api.constrains("horizon_days", "history_days")
    def _check_days(self):
        for run in self:
            if not 1 <= run.horizon_days <= 366:
                raise UserError(
                    _(
                        "Run %(run)s: the horizon must be between 1 and 366 days.",
                        run=run.display_name,
                    )
                )
            if run.history_days < 14:
                raise UserError(
                    _(
                        "Run %(run)s: the history must cover at least 14 days.",
                        run=run.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not vals.get("name") or vals["name"] == _("New run"):
                vals["name"] = _(
                    "Forecast from %(date)s",
                    date=vals.get("date_origin") or fields.Date.context_today(self),
                )
        return super().create(vals_list)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def _get_stores(self):
        self.ensure_one()
        if self.store_ids:
            return self.store_ids.filtered(lambda s: s.store_type == "store")
        return self.env["boh.store"].search(
            [("store_type", "=", "store"), ("company_id", "=", self.company_id.id)]
        )

    def action_start(self):
        """Create a job per store and queue them (never twice the same job)."""
        for run in self:
            if run.state != "draft":
                raise UserError(
                    _(
                        "Run %(run)s has already been started.",
                        run=run.display_name,
                    )
                )
            stores = run._get_stores()
            if not stores:
                raise UserError(
                    _("Run %(run)s: there is no store to forecast.", run=run.name)
                )
            run._boh_workflow().write(
                {"state": "running", "date_started": fields.Datetime.now()}
            )
            jobs = self.env["boh.forecast.run.store"].create(
                [{"run_id": run.id, "store_id": store.id} for store in stores]
            )
            jobs._enqueue()
        return True

    def action_retry_failed(self):
        """Queue again the jobs of stores that failed."""
        for run in self:
            failed = run.run_store_ids.filtered(lambda j: j.state == "failed")
            if not failed:
                continue
            failed._boh_workflow().write({"state": "pending", "message": False})
            run._boh_workflow().write({"state": "running", "date_finished": False})
            failed._enqueue()
        return True

    def action_view_forecasts(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "boh_forecast.boh_forecast_action"
        )
        action["domain"] = [("run_id", "=", self.id)]
        action["context"] = {}
        return action

    def action_view_errors(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Errors of %(run)s", run=self.name),
            "res_model": "boh.forecast.run.error",
            "view_mode": "list,form",
            "domain": [("run_id", "=", self.id)],
        }

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _enqueue_check_finished(self, eta=5):
        """Check in a new transaction, soon, whether the run is over.

        One pending check a run (identity key), ahead of the forecast jobs
        (priority).  A check that still sees jobs running queues the next
        one: the last job's own check may have run in a snapshot taken before
        the other jobs committed, so the run is always closed in the end.
        """
        self.ensure_one()
        if self.env.context.get("queue_job__no_delay"):
            # Jobs run inline, in this transaction: the last one closes the run.
            return
        self.with_delay(
            identity_key=identity_exact,
            channel="root.boh_forecast",
            priority=5,
            eta=eta,
            description=_("Close %(run)s when its jobs are over", run=self.name),
        )._job_check_finished()

    def _job_check_finished(self):
        """queue_job entry point: close the run if its last jobs are over."""
        self.ensure_one()
        if self.state != "running":
            return _("Already closed.")
        if self._check_finished():
            return _("Closed.")
        self._enqueue_check_finished(eta=10)
        return _("Jobs still running: checked again in 10 seconds.")

    def _check_finished(self):
        """Close the run when its last job is over (called by every job)."""
        self.ensure_one()
        # Lock the run: two jobs ending together must not both close it.  NO
        # KEY UPDATE, not UPDATE: every job already holds a KEY SHARE lock on
        # the run (its forecast, error and accuracy rows reference it), which
        # FOR UPDATE would wait for, deadlocking two jobs ending together.
        self.env.cr.execute(
            SQL(
                "SELECT id FROM boh_forecast_run WHERE id = %s FOR NO KEY UPDATE",
                self.id,
            )
        )
        jobs = self.env["boh.forecast.run.store"].search([("run_id", "=", self.id)])
        if any(job.state in ("pending", "running") for job in jobs):
            return False
        models_used = Counter()
        for job in jobs:
            models_used.update(job.model_counts or {})
        self._boh_workflow().write(
            {
                "state": "done" if any(j.state == "done" for j in jobs) else "failed",
                "date_finished": fields.Datetime.now(),
                "series_count": sum(jobs.mapped("series_count")),
                "forecast_count": sum(jobs.mapped("forecast_count")),
                "error_count": self.env["boh.forecast.run.error"].search_count(
                    [("run_id", "=", self.id)]
                ),
                "model_counts": dict(models_used),
            }
        )
        _logger.info(
            "BOH forecast run %s finished: %s series in %.0f s",
            self.id,
            self.series_count,
            self.duration,
        )
        if self.state == "done":
            self._on_run_done()
        return True

    def _on_run_done(self):
        """Hook called once a run has closed as done (nothing by default)."""
        self.ensure_one()

    @api.model
    def _cron_nightly(self):
        """Ingest the day's demand, then start a run of every store."""
        self.env["boh.demand.daily"]._cron_ingest()
        since = fields.Datetime.now() - timedelta(days=1)
        for company in self.env["boh.store"].search([]).company_id:
            # a run still busy since yesterday: its jobs are queued once only
            if self.search_count(
                [
                    ("company_id", "=", company.id),
                    ("state", "=", "running"),
                    ("date_started", ">=", since),
                ],
                limit=1,
            ):
                _logger.info("BOH forecast: a run of %s is still running", company.name)
                continue
            run = (
                self.with_company(company)
                ._boh_workflow()
                .create({"trigger": "cron", "company_id": company.id})
            )
            run.action_start()
        self.env["boh.forecast.run.error"]._cron_prune()
