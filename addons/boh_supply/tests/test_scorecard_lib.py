from datetime import date

from odoo.tests.common import BaseCase

from ..lib import scorecard as sc

D = date


def line(ordered, received, planned, got, **kw):
    return sc.ReceiptLine(ordered, received, planned, got, **kw)


class TestScorecardFormulas(BaseCase):
    """Figures computed by hand on small sets of receipt lines."""

    def setUp(self):
        super().setUp()
        # 4 lines:
        #  1: 10 ordered, 10 received, on time                -> OT, IF
        #  2: 10 ordered,  8 received, on time                -> OT
        #  3: 20 ordered, 20 received, 2 days late            -> IF
        #  4: 10 ordered, 12 received (over), 1 day late      -> IF
        self.lines = [
            line(
                10,
                10,
                D(2024, 3, 4),
                D(2024, 3, 4),
                order_date=D(2024, 3, 1),
                price=2.0,
                agreed_price=2.0,
                agreed_lead_days=3,
                claims=0,
            ),
            line(
                10,
                8,
                D(2024, 3, 5),
                D(2024, 3, 4),
                order_date=D(2024, 3, 1),
                price=2.2,
                agreed_price=2.0,
                agreed_lead_days=3,
                claims=1,
            ),
            line(
                20,
                20,
                D(2024, 3, 6),
                D(2024, 3, 8),
                order_date=D(2024, 3, 1),
                price=5.0,
                agreed_price=5.0,
                agreed_lead_days=5,
                claims=0,
            ),
            line(
                10,
                12,
                D(2024, 3, 6),
                D(2024, 3, 7),
                order_date=D(2024, 3, 2),
                price=1.0,
                agreed_price=None,
                agreed_lead_days=None,
                claims=1,
            ),
        ]

    def test_figures(self):
        figures = sc.compute_scorecard(self.lines)
        self.assertEqual(figures["lines"], 4)
        self.assertAlmostEqual(figures["on_time"], 50.0)
        self.assertAlmostEqual(figures["in_full"], 75.0)
        self.assertAlmostEqual(figures["otif"], 25.0)
        # fill rate: (10 + 8 + 20 + 10) / (10 + 10 + 20 + 10) = 48 / 50
        self.assertAlmostEqual(figures["fill_rate"], 96.0)
        self.assertAlmostEqual(figures["claims_per_100"], 50.0)
        # price variance: (0*10 + 0.2*8 + 0*20) / (2*10 + 2*8 + 5*20) = 1.6 / 136
        self.assertAlmostEqual(figures["price_variance"], 100 * 1.6 / 136)
        # lead time: line 1: 3 days <= 3 ok; line 2: 3 <= 3 ok; line 3: 7 > 5 late
        self.assertAlmostEqual(figures["lead_time_adherence"], 200 / 3)

    def test_tolerances(self):
        figures = sc.compute_scorecard(
            self.lines, on_time_days=1, in_full_tolerance=0.2
        )
        # line 4 (1 day late) becomes on time; line 2 (8 of 10) becomes in full
        self.assertAlmostEqual(figures["on_time"], 75.0)
        self.assertAlmostEqual(figures["in_full"], 100.0)
        self.assertAlmostEqual(figures["otif"], 75.0)

    def test_empty(self):
        figures = sc.compute_scorecard([])
        self.assertEqual(figures["lines"], 0)
        for name in sc.FIGURES[1:]:
            self.assertIsNone(figures[name], name)

    def test_periods(self):
        self.assertEqual(
            sc.periods(D(2024, 1, 15), D(2024, 3, 10)),
            [
                (D(2024, 1, 15), D(2024, 1, 31)),
                (D(2024, 2, 1), D(2024, 2, 29)),
                (D(2024, 3, 1), D(2024, 3, 10)),
            ],
        )
        self.assertEqual(
            sc.periods(D(2024, 12, 20), D(2025, 1, 2)),
            [(D(2024, 12, 20), D(2024, 12, 31)), (D(2025, 1, 1), D(2025, 1, 2))],
        )
        # 2024-03-06 is a Wednesday
        self.assertEqual(
            sc.periods(D(2024, 3, 6), D(2024, 3, 12), "week"),
            [(D(2024, 3, 6), D(2024, 3, 10)), (D(2024, 3, 11), D(2024, 3, 12))],
        )
        with self.assertRaises(ValueError):
            sc.periods(D(2024, 3, 2), D(2024, 3, 1))
        with self.assertRaises(ValueError):
            sc.periods(D(2024, 3, 1), D(2024, 3, 2), "year")

    def test_trend_and_rank(self):
        trend = sc.trend([((1, 2), self.lines[:2]), ((3, 4), self.lines[2:])])
        self.assertEqual(trend[0][1]["on_time"], 100.0)
        self.assertEqual(trend[1][1]["on_time"], 0.0)
        cards = {
            "a": {"otif": 50.0, "claims_per_100": 10.0},
            "b": {"otif": 90.0, "claims_per_100": 30.0},
            "c": {"otif": None, "claims_per_100": None},
        }
        self.assertEqual(sc.rank(cards, "otif"), ["b", "a", "c"])
        self.assertEqual(sc.rank(cards, "claims_per_100"), ["a", "b", "c"])
