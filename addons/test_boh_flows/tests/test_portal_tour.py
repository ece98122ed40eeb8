from odoo.tests import HttpCase, tagged

from .common import BohFlowCase


@tagged("post_install", "-at_install")
class TestSupplierPortalZh(HttpCase, BohFlowCase):
    """The supplier works on the portal in Chinese."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["boh.demo.loader"]._install_language("zh_CN")
        cls.portal.lang = "zh_CN"

    def test_confirm_and_ship_in_chinese(self):
        order = self.generate("supplier", partner_id=self.supplier.id)
        self.submit_and_approve(order)
        po = order.purchase_ids
        po.with_user(self.buyer).button_confirm()
        self.assertEqual(po.boh_confirmation_state, "to_confirm")
        self.assertFalse(po.boh_asn_ids)

        self.start_tour(
            f"/my/purchase/{po.id}",
            "test_boh_flows_portal_zh_tour",
            login="flow_supplier",
        )

        po.invalidate_recordset()
        self.assertEqual(po.boh_confirmation_state, "confirmed")
        self.assertEqual(po.order_line.boh_confirm_state, "confirmed")
        self.assertTrue(po.boh_confirmed_date)
        confirmed = po.message_ids.filtered(
            lambda m: m.author_id == self.portal.partner_id
        )
        self.assertTrue(confirmed, "the confirmation is signed by the supplier")
        asn = po.boh_asn_ids
        self.assertEqual(len(asn), 1)
        self.assertEqual(asn.state, "sent")
        self.assertEqual(asn.partner_id, self.supplier)
        self.assertEqual(asn.carrier, "顺丰速运")
        self.assertEqual(asn.line_ids.purchase_line_id, po.order_line)
        self.assertEqual(asn.line_ids.qty, 10.0)
        receipt = self.store_receipts(order)
        self.assertEqual(receipt.move_ids.quantity, 10.0, "receipt pre-filled")
