import numpy as np
from boh_engine import metrics

from odoo.tests.common import BaseCase

from ..lib import accuracy


class TestAccuracyFormulas(BaseCase):
    def test_hand_computed(self):
        # 8 days: the first 7 are last week (naive reference for day 8 only)
        actual = [10, 0, 5]
        forecast = [8, 2, 5]
        # |errors| 2, 2, 0 -> 4 / 15
        self.assertAlmostEqual(accuracy.wape(actual, forecast), 4 / 15)
        # (8 + 2 + 5) - 15 = 0
        self.assertAlmostEqual(accuracy.bias(actual, forecast), 0.0)
        self.assertAlmostEqual(accuracy.bias([10, 10], [12, 13]), 0.25)
        # naive errors 4, 1, 5 -> MASE = (2 + 2 + 0) / (4 + 1 + 5)
        self.assertAlmostEqual(accuracy.mase(actual, forecast, [4, 1, 5]), 0.4)
        self.assertIsNone(accuracy.wape([0, 0], [1, 2]))

    def test_same_figures_as_the_engine(self):
        """The reports' formulas are the engine's (one definition of MASE)."""
        rng = np.random.default_rng(5)
        history = rng.poisson(6, 35).astype(float)
        forecast = history[-14:] + rng.normal(0, 2, 14)
        naive = accuracy.naive_errors(list(history), 7)[-14:]
        actual = list(history[-14:])
        engine_naive = metrics.naive_errors(history, 7)[-14:]
        self.assertEqual(naive, list(engine_naive))
        self.assertAlmostEqual(
            accuracy.mase(actual, list(forecast), naive),
            metrics.mase(history[-14:], forecast, engine_naive),
        )
        # sum |error| / sum |naive error|: a ratio of sums, as the pivots add up
        expected = np.abs(forecast - history[-14:]).sum() / engine_naive.sum()
        self.assertAlmostEqual(accuracy.mase(actual, list(forecast), naive), expected)
        self.assertAlmostEqual(
            accuracy.wape(actual, list(forecast)), metrics.wape(actual, forecast)
        )
        self.assertAlmostEqual(
            accuracy.bias(actual, list(forecast)), metrics.bias(actual, forecast)
        )
        self.assertIsNone(accuracy.mase([1, 2], [1, 2], [0, 0]))
        with self.assertRaises(ValueError):
            accuracy.mase([1, 2], [1], [1, 1])
