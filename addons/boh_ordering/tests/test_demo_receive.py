from odoo.tests import tagged

from odoo.addons.boh_ordering.models.boh_demo_loader import BohDemoLoader

from .test_receiving_common import BohStoreOpsCase


@tagged("post_install", "-at_install")
class TestDemoReceive(BohStoreOpsCase):
    def test_demo_receives_without_the_wizard(self):
        """Without a receiving addon the demo validates the store receipts as
        delivered: the order is received, dated on its delivery date."""
        order = self._create_order()
        picking = self._make_receipt(order)
        loader = self.env["boh.demo.loader"]
        # boh_ordering's own step, whatever a receiving addon does on top.
        moves = BohDemoLoader._demo_receive_moves(loader, order, False)
        self.assertEqual(moves, picking.move_ids)
        self.assertEqual(picking.state, "done")
        self.assertEqual(order.state, "received")
        self.assertEqual(order.line_ids.mapped("qty_received"), [2.0, 5.0])
