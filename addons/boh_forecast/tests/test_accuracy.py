from datetime import timedelta

import numpy as np
from boh_engine import metrics

from ..lib import accuracy
from .common import ForecastCase


class TestAccuracy(ForecastCase):
    def test_hand_computed_accuracy(self):
        origin = self.ORIGIN
        # actual sales of 14 days before origin, of which the forecast covers
        # the last 3 (horizons 1, 7 and 14 of three runs)
        actual = [5, 6, 7, 8, 9, 10, 11, 10, 0, 5, 9, 9, 9, 9]
        days = self._history(self.store_a, self.p1, actual, end=origin)
        Run = self.env["boh.forecast.run"]
        Forecast = self.env["boh.forecast"]
        cases = [(days[-1], 1, 8.0), (days[-2], 7, 12.0), (days[-3], 14, 9.0)]
        for day, horizon, qty in cases:
            run_origin = day - timedelta(days=horizon - 1)
            run = Run.create({"date_origin": run_origin})
            Forecast._write_store_forecasts(
                run,
                self.store_a,
                run_origin,
                {
                    "item": np.array([self.p1.id]),
                    "date": np.array([day], dtype=object),
                    "qty": np.array([qty]),
                    "p10": np.array([qty]),
                    "p50": np.array([qty]),
                    "p90": np.array([qty]),
                    "model": np.array(["ets"], dtype=object),
                },
            )
        Accuracy = self.env["boh.forecast.accuracy"]
        Accuracy._refresh(self.store_a, origin - timedelta(days=20), origin)
        rows = Accuracy.search([("store_id", "=", self.store_a.id)])
        self.assertEqual(len(rows), 3)
        # actual 9, 9, 9; forecasts 8, 12, 9; a week before: 9, 10, 11
        [(wape, bias, mase, act)] = Accuracy._read_group(
            [("store_id", "=", self.store_a.id)],
            [],
            ["wape:avg", "bias:avg", "mase:avg", "actual:sum"],
        )
        self.assertEqual(act, 27.0)
        # |errors| 1 + 3 + 0 = 4 over 27; errors -1 + 3 + 0 = 2 over 27;
        # naive |errors| |9-9| + |9-10| + |9-11| = 3 -> MASE 4 / 3
        self.assertAlmostEqual(wape, 4 / 27)
        self.assertAlmostEqual(bias, 2 / 27)
        self.assertAlmostEqual(mase, 4 / 3)
        self.assertAlmostEqual(accuracy.wape([9, 9, 9], [9, 12, 8]), wape)
        self.assertAlmostEqual(accuracy.mase([9, 9, 9], [9, 12, 8], [0, 1, 2]), mase)
        # the pivot (SQL sums) shows the engine's figures: same definition as
        # the benchmarks, naive errors computed by the engine from the history
        naive = metrics.naive_errors(np.array(actual, dtype=float), 7)[-3:]
        engine_fc = np.array([9.0, 12.0, 8.0])
        self.assertAlmostEqual(metrics.mase(actual[-3:], engine_fc, naive), mase)
        self.assertAlmostEqual(metrics.wape(actual[-3:], engine_fc), wape)
        self.assertAlmostEqual(metrics.bias(actual[-3:], engine_fc), bias)
        per_horizon = dict(
            Accuracy._read_group(
                [("store_id", "=", self.store_a.id)], ["horizon"], ["wape:avg"]
            )
        )
        self.assertAlmostEqual(per_horizon[7], 3 / 9)
        # a stock-out day is left out (its demand is unknown)
        self.Demand.search([("date", "=", days[-1])]).stockout = True
        Accuracy._refresh(self.store_a, origin - timedelta(days=20), origin)
        self.assertEqual(Accuracy.search_count([("horizon", "=", 1)]), 0)
        # refreshing twice does not duplicate rows
        Accuracy._refresh(self.store_a, origin - timedelta(days=20), origin)
        self.assertEqual(Accuracy.search_count([]), 2)
        # the XLSX export renders
        rows = Accuracy.search([("store_id", "=", self.store_a.id)])
        report = self.env.ref("boh_forecast.boh_forecast_accuracy_xlsx")
        content, kind = report._render(report.report_name, rows.ids, {})
        self.assertEqual(kind, "xlsx")
        self.assertTrue(content.startswith(b"PK"))
