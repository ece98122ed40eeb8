from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import SupplyCase


@tagged("post_install", "-at_install")
class TestBuyerDashboard(SupplyCase):
    def _tiles(self, user=None):
        # Counters are computed when the dashboard is read: read them afresh.
        self.env.invalidate_all()
        tiles = (
            self.env["boh.supply.dashboard"].with_user(user or self.buyer).search([])
        )
        return {tile.code: tile for tile in tiles}

    def _opened(self, tile, alert=False):
        action = tile.action_open_alert() if alert else tile.action_open()
        return self.env[action["res_model"]].search(action["domain"])

    def test_counters_open_their_lists(self):
        PO = self.env["purchase.order"]
        self.po_1.date_order = fields.Datetime.now() - timedelta(days=3)
        proposal = self._as_supplier(self.po_2, self.portal_2)._boh_supplier_propose(
            [{"line": self.po_2.order_line, "qty": 5.0}]
        )
        asn = self.env["boh.asn"].create(
            {
                "partner_id": self.supplier_1.id,
                "purchase_ids": [(6, 0, self.po_1.ids)],
                "expected_date": fields.Date.today() + timedelta(days=1),
                "line_ids": [(0, 0, {"purchase_line_id": self.line_1.id, "qty": 2.0})],
            }
        )
        asn.action_send()
        tiles = self._tiles()
        self.assertIn("to_confirm", tiles)
        self.assertEqual(tiles["to_confirm"].count, 1, "po_2 has a proposal")
        self.assertEqual(tiles["to_confirm"].alert_count, 1)
        self.assertEqual(self._opened(tiles["to_confirm"]), self.po_1)
        self.assertEqual(self._opened(tiles["to_confirm"], alert=True), self.po_1)
        self.assertEqual(tiles["overdue"].count, 1)
        self.assertEqual(self._opened(tiles["overdue"]), self.po_1)
        PO._cron_boh_flag_overdue_confirmations()
        self.assertEqual(self._tiles()["overdue"].alert_count, 0)
        self.assertEqual(tiles["proposals"].count, 1)
        self.assertEqual(tiles["proposals"].alert_count, 1, "the buyer's own order")
        self.assertEqual(self._opened(tiles["proposals"]), proposal)
        self.assertEqual(tiles["asn_due"].count, 1)
        self.assertEqual(tiles["asn_due"].alert_count, 0)
        asn.expected_date = fields.Date.today() - timedelta(days=1)
        tile = self._tiles()["asn_due"]
        self.assertEqual(tile.alert_count, 1)
        self.assertEqual(self._opened(tile, alert=True), asn)
        self.assertEqual(tiles["bills"].count, 0)

    def test_scorecard_ranking(self):
        for po in (self.po_1, self.po_2):
            picking = po.picking_ids
            picking.move_ids.filtered(
                lambda m: m.product_id == self.product_lot
            ).move_line_ids.lot_name = "LOT-D"
            picking.move_ids.picked = True
            picking._action_done()
        tile = self._tiles()["scorecard"]
        self.assertEqual(tile.count, 2)
        self.assertIn("1. ", tile.summary)
        self.assertIn(self.supplier_1.name, tile.summary)
        self.assertIn(self.supplier_2.name, tile.summary)
        action = tile.with_user(self.buyer).action_open()
        lines = self.env[action["res_model"]].search(action["domain"])
        self.assertEqual(
            set(lines.mapped("partner_id").ids),
            {self.supplier_1.id, self.supplier_2.id},
        )

    def test_bulk_accept_across_orders(self):
        first = self._as_supplier(self.po_1)._boh_supplier_propose(
            [{"line": self.line_1, "qty": 9.0}]
        )
        second = self._as_supplier(self.po_2, self.portal_2)._boh_supplier_propose(
            [{"line": self.po_2.order_line, "price": 10.5}]
        )
        (first | second).with_user(self.buyer).action_accept()
        self.assertEqual(self.line_1.product_qty, 9.0)
        self.assertEqual(self.po_2.order_line.price_unit, 10.5)
        self.assertIn("accepted", self.po_1.message_ids[0].body)
        self.assertIn("accepted", self.po_2.message_ids[0].body)
        self.assertEqual(self._tiles()["proposals"].count, 0)

    def test_store_staff_has_no_dashboard(self):
        with self.assertRaises(AccessError):
            self.env["boh.supply.dashboard"].with_user(self.staff_a).search([])
        with self.assertRaises(AccessError):
            self.env["boh.supply.dashboard"].with_user(self.portal_1).search([])

    def test_buyer_is_purchase_user(self):
        """boh_supply extends boh_base's buyer group: buyers are purchase users
        (and so reach the dashboard); store staff and suppliers are not."""
        group = self.env.ref("purchase.group_purchase_user")
        self.assertIn(group, self.env.ref("boh_base.group_boh_buyer").implied_ids)
        self.assertTrue(self.buyer.has_group("purchase.group_purchase_user"))
        self.assertTrue(self.boh_admin.has_group("purchase.group_purchase_user"))
        self.assertFalse(self.staff_a.has_group("purchase.group_purchase_user"))
        self.assertFalse(self.portal_1.has_group("purchase.group_purchase_user"))
        self.assertTrue(self._tiles(self.buyer))
