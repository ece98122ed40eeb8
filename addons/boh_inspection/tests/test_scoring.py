"""Fast tests of the plain-Python scoring (no database)."""

import unittest

from odoo.addons.boh_inspection.lib import geo, scoring

BANDS = [("A", 90, False), ("B", 75, False), ("C", 60, False), ("Fail", 0, True)]


class TestScoring(unittest.TestCase):
    def test_weights(self):
        rows = [
            {"section": 1, "weight": 3, "score": 1.0},
            {"section": 1, "weight": 1, "score": 0.0, "failed": True},
            {"section": 2, "weight": 1, "score": 0.5},
        ]
        result = scoring.compute_scores(rows)
        self.assertAlmostEqual(result["score"], 70.0)
        self.assertAlmostEqual(result["sections"][1]["score"], 75.0)
        self.assertAlmostEqual(result["sections"][2]["score"], 50.0)
        self.assertFalse(result["critical_failed"])

    def test_na_out_of_numerator_and_denominator(self):
        rows = [
            {"section": 1, "weight": 1, "score": 1.0},
            {"section": 1, "weight": 5, "score": None},
        ]
        result = scoring.compute_scores(rows)
        self.assertEqual(result["score"], 100.0)
        self.assertEqual(result["possible"], 1.0)
        only_na = scoring.compute_scores([{"section": 1, "weight": 1, "score": None}])
        self.assertIsNone(only_na["score"])
        self.assertIsNone(only_na["sections"][1]["score"])

    def test_critical_fails_whatever_the_score(self):
        rows = [{"section": 1, "weight": 100, "score": 1.0}] + [
            {"section": 1, "weight": 1, "score": 0.0, "critical": True, "failed": True}
        ]
        result = scoring.compute_scores(rows)
        self.assertGreater(result["score"], 99)
        self.assertTrue(result["critical_failed"])
        self.assertEqual(
            scoring.grade_for(result["score"], BANDS, True), ("Fail", False)
        )

    def test_grade_bands(self):
        self.assertEqual(scoring.grade_for(95, BANDS), ("A", True))
        self.assertEqual(scoring.grade_for(90, BANDS), ("A", True))
        self.assertEqual(scoring.grade_for(80, BANDS), ("B", True))
        self.assertEqual(scoring.grade_for(60, BANDS), ("C", True))
        self.assertEqual(scoring.grade_for(59.9, BANDS), ("Fail", False))
        self.assertEqual(scoring.grade_for(None, BANDS), ("Fail", False))

    def test_evaluate_types(self):
        ev = scoring.evaluate
        self.assertEqual(ev("passfail", {"choice": "pass"}), (1.0, False))
        self.assertEqual(ev("passfail", {"choice": "fail"}), (0.0, True))
        self.assertEqual(ev("passfail", {"na": True}), (None, False))
        self.assertEqual(
            ev("yesno", {"choice": "no"}, {"yes_is_pass": False}), (1.0, False)
        )
        self.assertEqual(
            ev("scale", {"number": 2}, {"scale_max": 4, "scale_pass_min": 3}),
            (0.5, True),
        )
        fridge = {"min": 0.0, "max": 4.0}
        self.assertEqual(ev("number", {"number": 3.5}, fridge), (1.0, False))
        self.assertEqual(ev("number", {"number": 6}, fridge), (0.0, True))
        self.assertEqual(ev("number", {"number": -1}, fridge), (0.0, True))
        options = {"options": {1: (1.0, False), 2: (0.5, False), 3: (0.0, True)}}
        self.assertEqual(ev("choice", {"options": [2]}, options), (0.5, False))
        self.assertEqual(ev("multi", {"options": [1, 3]}, options), (0.0, True))
        self.assertEqual(ev("text", {}), (None, False))

    def test_evaluate_bad_input(self):
        ev = scoring.evaluate
        with self.assertRaises(scoring.AnswerError):
            ev("passfail", {"choice": "maybe"})
        with self.assertRaises(scoring.AnswerError):
            ev("scale", {"number": 7}, {"scale_max": 5})
        with self.assertRaises(scoring.AnswerError):
            ev("scale", {"number": 2.5}, {"scale_max": 5})
        with self.assertRaises(scoring.AnswerError):
            ev("number", {"number": "abc"})
        with self.assertRaises(scoring.AnswerError):
            ev("number", {"number": float("nan")})
        with self.assertRaises(scoring.AnswerError):
            ev("choice", {"options": [9]}, {"options": {1: (1.0, False)}})
        with self.assertRaises(scoring.AnswerError):
            ev(
                "choice",
                {"options": [1, 2]},
                {"options": {1: (1, False), 2: (1, False)}},
            )

    def test_haversine_and_digest(self):
        # Shanghai People's Square to the Bund: about 1.6 km
        distance = geo.haversine_m(31.2304, 121.4737, 31.2400, 121.4900)
        self.assertTrue(1500 < distance < 2100, distance)
        self.assertEqual(geo.haversine_m(10, 20, 10, 20), 0)
        self.assertEqual(
            scoring.digest({"a": 1, "b": 2}), scoring.digest({"b": 2, "a": 1})
        )
        self.assertNotEqual(scoring.digest({"a": 1}), scoring.digest({"a": 2}))
