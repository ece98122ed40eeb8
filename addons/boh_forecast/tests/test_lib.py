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
