import logging
import time
from collections import Counter
from datetime import timedelta

import numpy as np

from odoo import _, fields, models
from odoo.tools import SQL

from odoo.addons.queue_job.job import identity_exact

from ..services import engine

_logger = logging.getLogger(__name__)


class BohForecastRunStore(models.Model):
    """The job of one store in a forecast run.

    ``_job_forecast`` gathers the store's history in one query, calls the
    engine (through ``services.engine``), writes the forecasts in bulk and
    refreshes the store's classes, exceptions and accuracy.
    """

    _name = "boh.forecast.run.store"
    _inherit = ["boh.guard.mixin"]
    _description = "BOH Forecast Run Store Job"
    _order = "run_id desc, store_id"
    _rec_name = "store_id"

    run_id = fields.Many2one(
        "boh.forecast.run", required=True, ondelete="cascade", index=True
    )
    store_id = fields.Many2one("boh.store", required=True, index=True)
    state = fields.Selection(
        [
            ("pending", "Queued"),
            ("running", "Running"),
            ("done", "Done"),
            ("failed", "Failed"),
        ],
        default="pending",
        required=True,
        index=True,
    )
    date_started = fields.Datetime(string="Started")
    date_finished = fields.Datetime(string="Finished")
    duration = fields.Float(string="Duration (s)")
    series_count = fields.Integer(string="Series")
    forecast_count = fields.Integer(string="Forecast Rows")
    error_count = fields.Integer(string="Errors")
    model_counts = fields.Json()
    message = fields.Text()

    # Created by the run's start button, then written by its job only.
    _boh_workflow_fields = frozenset(
        {
            "state",
            "date_started",
            "date_finished",
            "duration",
            "series_count",
            "forecast_count",
            "error_count",
            "model_counts",
            "message",
        }
    )
    _boh_create_only_fields = frozenset({"run_id", "store_id"})

    _sql_constraints = [
        (
            "run_store_unique",
            "unique(run_id, store_id)",
            "A run has one job per store.",
        ),
    ]

    def _enqueue(self):
        for job in self:
            job.with_delay(
                identity_key=identity_exact,
                channel="root.boh_forecast",
                description=_(
                    "Forecast of %(store)s (%(run)s)",
                    store=job.store_id.display_name,
                    run=job.run_id.name,
                ),
            )._job_forecast()

    def _job_forecast(self):
        """queue_job entry point: forecast one store of a run."""
        self.ensure_one()
        if self.state in ("done", "failed"):
            return _("Already finished.")
        started = time.perf_counter()
        # The job runs as the user who started the run (a buyer, or the cron):
        # its own rights, the workflow's mark for the guarded fields.
        job = self._boh_workflow()
        job.write({"state": "running", "date_started": fields.Datetime.now()})
        try:
            with self.env.cr.savepoint():
                result = self._forecast_store()
        except Exception as exc:  # noqa: BLE001 - recorded on the run
            _logger.warning(
                "BOH forecast of store %s failed", self.store_id.code, exc_info=True
            )
            result = {"state": "failed", "message": str(exc)}
        result.setdefault("state", "done")
        result.update(
            date_finished=fields.Datetime.now(),
            duration=time.perf_counter() - started,
        )
        job.write(result)
        if not self.run_id._check_finished():
            # Transactions are REPEATABLE READ: a job ending at the same time
            # as this one is not visible here, and neither may see the other
            # done.  Check again in a new transaction.
            self.run_id._enqueue_check_finished()
        return _(
            "%(series)s series, %(errors)s errors",
            series=self.series_count,
            errors=self.error_count,
        )

    # ------------------------------------------------------------------
    # Gathering
    # ------------------------------------------------------------------
    def _get_history(self, date_from, origin):
        """Daily demand of the store: arrays item, date, qty, stockout."""
        self.env["boh.demand.daily"].flush_model()
        self.env.cr.execute(
            SQL(
                """
                SELECT product_id, date, SUM(qty), BOOL_OR(stockout)
                  FROM boh_demand_daily
                 WHERE store_id = %s AND date >= %s AND date < %s
                 GROUP BY product_id, date
                """,
                self.store_id.id,
                date_from,
                origin,
            )
        )
        rows = self.env.cr.fetchall()
        if not rows:
            return None
        items, dates, qtys, flags = zip(*rows, strict=True)
        return {
            "item": np.asarray(items, dtype=np.int64),
            "date": list(dates),
            "qty": np.asarray(qtys, dtype=np.float64),
            "stockout": np.asarray(flags, dtype=np.float64),
        }

    def _add_drivers(self, history, origin, horizon):
        """Promotions, holidays, closures and temperature, past and future."""
        store = self.store_id
        date_from = min(history["date"])
        date_to = origin + timedelta(days=horizon - 1)
        items = np.unique(history["item"])
        promos = self.env["boh.forecast.promotion"]._get_store_promo_days(
            store, date_from, date_to, items.tolist()
        )
        holidays, closures = self.env["boh.forecast.holiday"]._get_store_days(
            store, date_from, date_to
        )
        temps = self.env["boh.weather.daily"]._get_store_temperatures(
            store, date_from, date_to
        )
        days = history["date"]
        history["promo"] = np.array(
            [float((i, d) in promos) for i, d in zip(history["item"].tolist(), days)]
        )
        history["holiday"] = np.array([float(d in holidays) for d in days])
        closed = np.array([d in closures for d in days], dtype=bool)
        history["stockout"] = np.where(closed, 1.0, history["stockout"])
        future_days = [origin + timedelta(days=k) for k in range(horizon)]
        fut_items = np.repeat(items, horizon)
        fut_days = future_days * len(items)
        future = {
            "item": fut_items,
            "date": fut_days,
            "promo": np.array(
                [float((i, d) in promos) for i, d in zip(fut_items.tolist(), fut_days)]
            ),
            "holiday": np.array([float(d in holidays) for d in fut_days]),
        }
        if temps:
            mean = float(np.mean(list(temps.values())))
            history["temperature"] = np.array([temps.get(d, mean) for d in days])
            future["temperature"] = np.array([temps.get(d, mean) for d in fut_days])
        return future, closures

    def _get_engine_options(self):
        param = self.env["ir.config_parameter"].sudo().get_param
        candidates = [
            c.strip()
            for c in (param("boh_forecast.candidates") or "").split(",")
            if c.strip()
        ]
        return {
            "candidates": candidates or None,
            "method": param("boh_forecast.method") or "auto",
        }

    # ------------------------------------------------------------------
    # The job
    # ------------------------------------------------------------------
    def _forecast_store(self):
        run, store = self.run_id, self.store_id
        origin = run.date_origin
        horizon = run.horizon_days
        date_from = origin - timedelta(days=run.history_days)
        history = self._get_history(date_from, origin)
        if history is None:
            return {"series_count": 0, "message": _("No demand history.")}
        future, closures = self._add_drivers(history, origin, horizon)
        forecasts, series, errors = engine.forecast_store(
            history, origin, horizon, future=future, **self._get_engine_options()
        )
        if closures and len(forecasts["item"]):
            closed = np.array([d in closures for d in forecasts["date"]], dtype=bool)
            for key in ("qty", "p10", "p50", "p90"):
                forecasts[key] = np.where(closed, 0.0, forecasts[key])
        count = self.env["boh.forecast"]._write_store_forecasts(
            run, store, origin, forecasts
        )
        if errors:
            self.env["boh.forecast.run.error"].create(
                [
                    {
                        "run_id": run.id,
                        "store_id": store.id,
                        "product_id": item,
                        "message": message,
                    }
                    for item, message in errors.items()
                ]
            )
        matrix = _dense(history, origin, 364)
        self.env["boh.forecast.product.class"]._refresh_store(store, *matrix)
        self.env["boh.forecast.exception"]._refresh_store(
            run, store, origin, matrix, forecasts
        )
        self._refresh_measures(store, origin, horizon)
        return {
            "series_count": len(series) + len(errors),
            "forecast_count": count,
            "error_count": len(errors),
            "model_counts": dict(Counter(s["model"] for s in series.values())),
            "message": False,
        }

    def _refresh_measures(self, store, origin, horizon):
        """The store's measures of what happened before ``origin`` (the
        accuracy of past forecasts), refreshed by every job."""
        self.env["boh.forecast.accuracy"]._refresh(
            store, origin - timedelta(days=max(horizon, 35)), origin
        )


def _dense(history, origin, days):
    """(items, matrix (n, days)) of the last ``days`` days before origin."""
    items, index = np.unique(history["item"], return_inverse=True)
    matrix = np.zeros((len(items), days))
    start = origin - timedelta(days=days)
    offsets = np.array([(d - start).days for d in history["date"]])
    keep = (offsets >= 0) & (offsets < days)
    np.add.at(matrix, (index[keep], offsets[keep]), history["qty"][keep])
    return items, matrix
