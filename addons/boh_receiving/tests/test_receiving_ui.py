from odoo.tests import HttpCase, tagged

from .common import BohReceivingCase


@tagged("post_install", "-at_install")
class TestReceivingUi(HttpCase, BohReceivingCase):
    def test_store_manager_receives_with_claim(self):
        order = self._create_order()
        picking = self._make_receipt(order)
        self.start_tour(
            f"/odoo/action-boh_ordering.boh_store_order_action/{order.id}",
            "boh_receiving_tour",
            login="boh_manager_a",
        )
        self.assertEqual(picking.state, "done")
        self.assertEqual(order.state, "received")
        claim = order.claim_ids
        self.assertEqual(claim.reason, "damaged")
        self.assertEqual(claim.qty_claimed, 2.0)
        self.assertEqual(order.line_ids.mapped("qty_received"), [2.0, 3.0])
