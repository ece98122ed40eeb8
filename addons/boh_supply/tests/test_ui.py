from odoo.tests import HttpCase, tagged

from .common import SupplyCase


@tagged("post_install", "-at_install")
class TestPortalTours(HttpCase, SupplyCase):
    def test_confirm_and_propose(self):
        self.start_tour(
            f"/my/purchase/{self.po_1.id}",
            "boh_supply_portal_confirm_tour",
            login="supplier_tour1",
        )
        proposal = self.po_1.boh_proposal_ids
        self.assertEqual(proposal.line_id, self.line_1)
        self.assertEqual(proposal.proposed_qty, 12.0)
        self.assertEqual(proposal.note, "Sold by cases of 12")
        self.assertEqual(self.line_lot.boh_confirm_state, "confirmed")

    def test_asn_and_invoice(self):
        self.start_tour(
            f"/my/purchase/{self.po_1.id}",
            "boh_supply_portal_asn_invoice_tour",
            login="supplier_tour1",
        )
        asn = self.po_1.boh_asn_ids
        self.assertEqual(asn.state, "sent")
        self.assertEqual(asn.carrier, "SF Express")
        milk = self.po_1.picking_ids.move_ids.filtered(
            lambda m: m.product_id == self.product_lot
        )
        self.assertEqual(milk.move_line_ids.lot_id.name, "LOT-TOUR")
        bill = self.env["account.move"].search([("ref", "=", "TOUR-INV-1")])
        self.assertEqual(bill.invoice_line_ids.purchase_line_id, self.line_1)
        self.assertEqual(bill.invoice_line_ids.quantity, 4.0)
        self.assertTrue(bill.boh_supply_diff, "4 billed, nothing received yet")
