import logging
from collections import Counter
from datetime import timedelta

import numpy as np

from odoo import _, models
from odoo.tools import SQL

from ..lib import explosion
from ..lib.choice import choose
from ..services import engine

_logger = logging.getLogger(__name__)

# Days of history before the backtest windows: the weekly patterns and the
# level of the last year; the backtest's cost grows with the history's length.
BACKTEST_HISTORY_DAYS = 364


class BohForecastRunStore(models.Model):
    _inherit = "boh.forecast.run.store"

    def _forecast_store(self):
        """Then forecast the store's ingredients from its dishes' forecasts.

        A failure of this step is told in the job's message; the forecasts of
        the run (every product from its own history) stay as written.
        """
        result = super()._forecast_store()
        store = self.store_id
        if not store.company_id.boh_recipe_forecast or not result.get("forecast_count"):
            return result
        try:
            with self.env.cr.savepoint():
                result = self._forecast_recipes(result)
        except Exception as exc:  # noqa: BLE001 - told on the job, run goes on
            _logger.warning(
                "BOH recipe forecast of store %s failed", store.code, exc_info=True
            )
            result["message"] = _(
                "The forecast of the ingredients from the recipes failed: %(error)s",
                error=str(exc),
            )
        return result

    # ------------------------------------------------------------------
    # Gathering
    # ------------------------------------------------------------------
    def _get_run_forecasts(self):
        """The run's forecasts of the store as ``{product: {field: array}}``.

        Arrays of ``horizon_days`` values from the run's first day (0 where a
        day has no row).  One query.
        """
        run, store = self.run_id, self.store_id
        horizon = run.horizon_days
        self.env["boh.forecast"].flush_model()
        self.env.cr.execute(
            SQL(
                """
                SELECT product_id, date - %(origin)s::date, qty, p10, p50, p90
                  FROM boh_forecast
                 WHERE run_id = %(run)s AND store_id = %(store)s
                   AND date >= %(origin)s::date
                   AND date < %(origin)s::date + %(days)s
                """,
                origin=str(run.date_origin),
                run=run.id,
                store=store.id,
                days=horizon,
            )
        )
        out = {}
        for product_id, offset, *values in self.env.cr.fetchall():
            arrays = out.get(product_id)
            if arrays is None:
                arrays = out[product_id] = np.zeros((4, horizon))
            arrays[:, offset] = values
        return out

    def _get_recipe_matrix(self, product_ids):
        """``{dish: {ingredient: qty}}`` of the products with a kit recipe."""
        # sudo: the job reads the recipes (bills of materials: ids and
        # quantities only) of the products it has just forecast, to write
        # forecasts of the run its user started; store roles and buyers
        # without the Manufacturing app may start or own such a job.
        products = (
            self.env["product.product"]
            .sudo()
            .with_company(self.store_id.company_id)
            .browse(product_ids)
        )
        return {
            dish: row
            for dish, row in products._boh_recipe_matrix(through="kit").items()
            if row
        }

    # ------------------------------------------------------------------
    # The step
    # ------------------------------------------------------------------
    def _forecast_recipes(self, result):
        run, store = self.run_id, self.store_id
        forecasts = self._get_run_forecasts()
        matrix = self._get_recipe_matrix(sorted(forecasts))
        if not matrix:
            return result
        dishes = sorted(matrix)
        ingredients = sorted({ing for row in matrix.values() for ing in row})
        w = explosion.weights(matrix, dishes, ingredients)
        stack = np.stack([forecasts[d] for d in dishes], axis=1)  # (4, n, h)
        recipe = explosion.explode(w, stack[0], stack[1], stack[2], stack[3])
        scores = self._score_sources(forecasts, dishes, ingredients, w)
        choices, new_rows = [], {k: [] for k in ("item", "qty", "p10", "p50", "p90")}
        switched = Counter()
        for j, ing in enumerate(ingredients):
            own = forecasts.get(ing)
            score = scores.get(ing) if scores is not None else None
            source, reason = choose(score and score["wape"], own is not None)
            part = {k: recipe[k][j] for k in recipe}
            if source == "recipe_history":
                part = explosion.add_own(part, own[0], own[1], own[2], own[3])
            if source != "history":
                new_rows["item"].append(ing)
                for key in ("qty", "p10", "p50", "p90"):
                    new_rows[key].append(part[key])
                switched[source] += 1
            wape = (score or {}).get("wape", {})
            choices.append(
                {
                    "product_id": ing,
                    "source": source,
                    "reason": reason,
                    "wape_history": wape.get("history"),
                    "wape_recipe": wape.get("recipe"),
                    "wape_recipe_history": wape.get("recipe_history"),
                    "coverage": (score or {}).get("coverage", {}).get(source),
                    "dish_qty": {
                        dish: float(w[i, j]) for i, dish in enumerate(dishes) if w[i, j]
                    },
                }
            )
        replaced, added = self._write_recipe_forecasts(new_rows, forecasts)
        weeks = store.company_id.boh_recipe_forecast_weeks
        self.env["boh.forecast.recipe.choice"]._replace_store(
            run, store, weeks, choices
        )
        counts = Counter(result.get("model_counts") or {})
        counts.subtract(replaced)
        counts["recipe"] += sum(switched.values())
        result.update(
            model_counts={k: v for k, v in counts.items() if v > 0},
            series_count=result.get("series_count", 0) + len(added),
            forecast_count=result.get("forecast_count", 0)
            + len(added) * run.horizon_days,
        )
        return result

    def _score_sources(self, forecasts, dishes, ingredients, w):
        """Backtest scores of the ingredients that have a forecast of their own.

        The others have one source only (the recipes): the backtest is run
        for the ingredients with their own history and the dishes that use
        them only, on the last year before the backtest windows.  Returns
        ``{ingredient: scores}`` (``services.engine.backtest_sources``), or
        None when the history is too short for the backtest.
        """
        cols = [j for j, ing in enumerate(ingredients) if ing in forecasts]
        if not cols:
            return {}
        rows = np.flatnonzero(w[:, cols].any(axis=1))
        return self._backtest_recipes(
            [dishes[i] for i in rows],
            [ingredients[j] for j in cols],
            w[np.ix_(rows, cols)],
        )

    def _backtest_recipes(self, dishes, ingredients, w):
        """The backtest scores of ``services.engine.backtest_sources``, or
        None when the history is too short for it."""
        run = self.run_id
        origin = run.date_origin
        weeks = self.store_id.company_id.boh_recipe_forecast_weeks
        days = min(run.history_days, BACKTEST_HISTORY_DAYS + 7 * weeks)
        history = self._get_history(origin - timedelta(days=days), origin)
        if history is None:
            return None
        keep = np.isin(history["item"], np.asarray(dishes + ingredients))
        history = {
            k: (
                np.asarray(v)[keep]
                if k != "date"
                else [d for d, ok in zip(v, keep) if ok]
            )
            for k, v in history.items()
        }
        if not len(history["item"]):
            return None
        self._add_drivers(history, origin, run.horizon_days)
        options = self._get_engine_options()
        try:
            return engine.backtest_sources(
                history,
                origin,
                dishes,
                ingredients,
                w,
                weeks,
                candidates=options["candidates"],
                method=options["method"],
            )
        except engine.InputError:
            return None

    def _write_recipe_forecasts(self, rows, forecasts):
        """Replace the run's rows of the ingredients in ``rows`` (model
        "recipe").  Returns (Counter of the models replaced, ids added)."""
        run, store = self.run_id, self.store_id
        items = [int(i) for i in rows["item"]]
        if not items:
            return Counter(), []
        self.env.cr.execute(
            SQL(
                """
                DELETE FROM boh_forecast
                 WHERE run_id = %s AND store_id = %s AND product_id = ANY(%s)
                RETURNING product_id, model, horizon
                """,
                run.id,
                store.id,
                items,
            )
        )
        replaced = Counter(
            model for _product, model, horizon in self.env.cr.fetchall() if horizon == 1
        )
        origin, horizon = run.date_origin, run.horizon_days
        days = [origin + timedelta(days=k) for k in range(horizon)]
        self.env["boh.forecast"].flush_model()
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO boh_forecast (run_id, store_id, product_id, date,
                    horizon, qty, p10, p50, p90, model, is_current, company_id,
                    create_uid, create_date, write_uid, write_date)
                SELECT %(run)s, %(store)s, u.product_id, u.day, u.horizon,
                       round(u.qty::numeric, 3), round(u.p10::numeric, 3),
                       round(u.p50::numeric, 3), round(u.p90::numeric, 3),
                       'recipe', true, %(company)s, %(uid)s,
                       now() at time zone 'UTC', %(uid)s, now() at time zone 'UTC'
                  FROM unnest(%(products)s::int[], %(dates)s::date[],
                              %(horizons)s::int[], %(qty)s::float8[],
                              %(p10)s::float8[], %(p50)s::float8[],
                              %(p90)s::float8[])
                       AS u(product_id, day, horizon, qty, p10, p50, p90)
                """,
                run=run.id,
                store=store.id,
                company=store.company_id.id,
                uid=self.env.uid,
                products=np.repeat(items, horizon).tolist(),
                dates=[str(d) for d in days] * len(items),
                horizons=list(range(1, horizon + 1)) * len(items),
                qty=np.concatenate(rows["qty"]).tolist(),
                p10=np.concatenate(rows["p10"]).tolist(),
                p50=np.concatenate(rows["p50"]).tolist(),
                p90=np.concatenate(rows["p90"]).tolist(),
            )
        )
        self.env["boh.forecast"].invalidate_model()
        added = [i for i in items if i not in forecasts]
        return replaced, added
