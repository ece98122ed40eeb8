from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import SupplyCase


@tagged("post_install", "-at_install")
class TestConfirmationFieldsGuarded(SupplyCase):
    """The supplier's answer on an order comes from the supplier (portal) or
    the buyer's decision on a proposal, never from a direct write."""

    def test_buyer_cannot_forge_the_suppliers_answer(self):
        order = self.po_1.with_user(self.buyer)
        line = self.line_1.with_user(self.buyer)
        before = (line.boh_confirm_state, self.po_1.boh_rejected)
        for record, vals in (
            (line, {"boh_confirm_state": "confirmed"}),
            (line, {"boh_rejected_qty": 3}),
            (order, {"boh_rejected": True}),
            (order, {"boh_reject_reason": "forged"}),
            (order, {"boh_confirmed_date": "2026-01-01 10:00:00"}),
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                record.write(vals)
        self.assertEqual(
            (self.line_1.boh_confirm_state, self.po_1.boh_rejected), before
        )
        # The supplier's own confirmation still goes through.
        self._as_supplier(self.po_1)._boh_supplier_confirm()
        self.assertEqual(self.line_1.boh_confirm_state, "confirmed")
