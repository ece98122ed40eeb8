from datetime import date

from odoo.tests import TransactionCase, tagged

from ..services import suspects

PARAMS = {
    "pct": 5.0,
    "min_value": 5.0,
    "receipt_pct": 5.0,
    "periods": 3,
    "theft_value": 50.0,
}
WEEK1, WEEK2, WEEK3, WEEK4 = (
    date(2025, 3, 1),
    date(2025, 3, 8),
    date(2025, 3, 15),
    date(2025, 3, 22),
)


def row(pct, value=20.0, waste=0.0, ordered=0.0, received=0.0, cost=2.0):
    return {
        "product_id": 7,
        "variance_pct": pct,
        "variance_value": value,
        "theoretical_qty": 10.0,
        "waste_qty": waste,
        "po_ordered_qty": ordered,
        "po_received_qty": received,
        "unit_cost": cost,
    }


@tagged("post_install", "-at_install")
class TestSuspectRules(TransactionCase):
    """The rules of services/suspects.py on hand-made figures."""

    def reason(self, line, entries=(), history=None):
        peers = suspects._peer_index(list(entries), {(WEEK3, WEEK4)}, PARAMS)
        found = suspects._reason(
            line, PARAMS, peers[(WEEK3, WEEK4)], history or {}, 1, WEEK3
        )
        if not found and suspects._is_theft(line, PARAMS, high_cost=5.0):
            found = "theft"
        return found or suspects._fallback_reason(line, PARAMS)

    def test_recipe_error(self):
        # stores 1 to 4 on the same week: +10 %, +12 %, +9 %, -1 %: three of
        # four (75 % >= 70 %) alike -> the recipe, not the store
        entries = [
            (store, 7, WEEK3, WEEK4, pct, 10.0)
            for store, pct in ((1, 10.0), (2, 12.0), (3, 9.0), (4, -1.0))
        ]
        self.assertEqual(self.reason(row(10.0), entries), "recipe_error")
        # +30 % in store 2: not alike (more than twice) -> 2 of 4 only
        entries[1] = (2, 7, WEEK3, WEEK4, 30.0, 10.0)
        self.assertEqual(self.reason(row(10.0), entries), "unrecorded_waste")
        # a period of another week does not count
        entries[1] = (2, 7, WEEK1, WEEK2, 12.0, 10.0)
        self.assertEqual(self.reason(row(10.0), entries), "unrecorded_waste")

    def test_receiving_error(self):
        # received 11 on lines that ordered 10: 10 % > 5 %
        line = row(8.0, ordered=10.0, received=11.0)
        self.assertEqual(self.reason(line), "receiving_error")
        line = row(8.0, ordered=10.0, received=10.4)
        self.assertEqual(self.reason(line), "unrecorded_waste")

    def test_over_portioning(self):
        # above theoretical this week and the two weeks before (3 periods)
        history = {(1, 7): [(WEEK3, 7.0), (WEEK2, 6.0), (WEEK1, 1.0)]}
        self.assertEqual(self.reason(row(9.0), history=history), "over_portioning")
        # one of the two earlier weeks was within tolerance
        history = {(1, 7): [(WEEK3, 7.0), (WEEK2, 2.0), (WEEK1, 9.0)]}
        self.assertEqual(self.reason(row(9.0), history=history), "unrecorded_waste")

    def test_theft_waste_and_counts(self):
        # 80.00 lost on an item costing 6.00 (high-value: >= 5.00)
        self.assertEqual(self.reason(row(20.0, value=80.0, cost=6.0)), "theft")
        # the same loss on a cheap item: no waste recorded
        self.assertEqual(self.reason(row(20.0, value=80.0)), "unrecorded_waste")
        self.assertEqual(
            self.reason(row(20.0, value=80.0, waste=1.0)), "unexplained_loss"
        )
        self.assertEqual(self.reason(row(-20.0, value=-40.0)), "count_error")
        # below the thresholds: not material
        self.assertFalse(self.reason(row(4.0)))
        self.assertFalse(self.reason(row(40.0, value=4.0)))
