import logging
import time
from datetime import timedelta

import numpy as np

from odoo import api, models

_logger = logging.getLogger(__name__)

# Weekly backtest origins of the demo (days before the end of the history),
# then the current run: the demo shows forecasts, accuracy and exceptions.
DEMO_BACKTEST_WEEKS = 3


class BohDemoLoader(models.AbstractModel):
    _inherit = "boh.demo.loader"

    @api.model
    def load_chain(self, chain=None, passwords=False, **params):
        result = super().load_chain(chain=chain, passwords=passwords, **params)
        t0 = time.perf_counter()
        self._load_forecast_drivers(result)
        # a benchmark loads the sales itself (COPY into an unindexed table)
        if not self.env.context.get("boh_forecast_skip_sales"):
            self._load_sales(result)
        result["timings"]["sales"] = time.perf_counter() - t0
        return result

    @api.model
    def load_forecast_demo(self):
        """Demo of boh_forecast: the demo chain's sales and forecast runs."""
        return self._load_demo_part(self._load_forecast_part)

    def _load_forecast_part(self, result):
        self._load_forecast_drivers(result)
        self._load_sales(result)
        t0 = time.perf_counter()
        self._run_demo_forecasts(result)
        result["timings"]["forecast"] = time.perf_counter() - t0

    def _load_sales(self, result):
        """The chain's daily sales and stock-outs, one bulk upsert per store."""
        chain = result["chain"]
        sites, products = result["sites"], result["products"]
        product_ids = np.array(
            [products[p.default_code].id for p in chain.products], dtype=np.int64
        )
        dates = np.array(chain.dates, dtype="datetime64[D]")
        Demand = self.env["boh.demand.daily"]
        for s, store in enumerate(chain.stores):
            sales, out = chain.sales[s], chain.stockout[s]
            p_idx, d_idx = np.nonzero((sales > 0) | out)
            Demand._upsert(
                "import",
                np.full(len(p_idx), sites[store.code].id),
                product_ids[p_idx],
                dates[d_idx].astype(str),
                sales[p_idx, d_idx],
                out[p_idx, d_idx],
            )

    def _load_forecast_drivers(self, result):
        """Promotions (runs of promoted days) and public holidays of the chain."""
        chain = result["chain"]
        Promotion = self.env["boh.forecast.promotion"]
        if Promotion.search_count([("name", "=like", "Demo promotion %")], limit=1):
            return
        dates = chain.dates
        vals_list = []
        for p, product in enumerate(chain.products):
            flags = chain.promo[p]
            day = 0
            while day < len(flags):
                if not flags[day]:
                    day += 1
                    continue
                end = day
                while end + 1 < len(flags) and flags[end + 1]:
                    end += 1
                vals_list.append(
                    {
                        "name": f"Demo promotion {product.default_code}"
                        f" {dates[day].isoformat()}",
                        "date_from": dates[day],
                        "date_to": dates[end],
                        "discount": 20.0,
                        "product_ids": [
                            (6, 0, [result["products"][product.default_code].id])
                        ],
                    }
                )
                day = end + 1
        Promotion.create(vals_list)
        holidays = []
        for day in chain.holidays:
            if holidays and holidays[-1]["date_to"] == day - timedelta(days=1):
                holidays[-1]["date_to"] = day
            else:
                holidays.append(
                    {
                        "name": f"Public holiday {day.isoformat()}",
                        "date_from": day,
                        "date_to": day,
                    }
                )
        self.env["boh.forecast.holiday"].create(holidays)

    def _run_demo_forecasts(self, result):
        chain = result["chain"]
        end = chain.start + timedelta(days=chain.days)
        Run = self.env["boh.forecast.run"].with_context(queue_job__no_delay=True)
        origins = [
            end - timedelta(days=7 * k) for k in range(DEMO_BACKTEST_WEEKS, -1, -1)
        ]
        for origin in origins:
            run = Run.create(
                {"date_origin": origin, "horizon_days": 14 if origin < end else 28}
            )
            run.action_start()
        _logger.info("BOH demo forecasts: %s runs", len(origins))
