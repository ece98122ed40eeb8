from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tests.common import TransactionCase

from odoo.addons.boh_supply.tests.common import ensure_chart_of_accounts


@tagged("post_install", "-at_install")
class TestClaimDemo(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Accepted claims bring credit notes, which need a purchase journal.
        ensure_chart_of_accounts(cls.env)

    def test_demo_claims(self):
        """The demo's receipts come with claims in every stage, with photos."""
        result = self.env["boh.demo.loader"].load_chain(
            passwords=True,
            seed=7,
            stores=4,
            products=24,
            days=14,
            suppliers=2,
            supply_weeks=12,
        )
        claims = result["supply_claims"]
        self.assertGreaterEqual(len(claims), 2)
        no_photo = claims.filtered(lambda claim: not claim.photo_ids)
        self.assertFalse(no_photo, f"claims without photo: {no_photo.mapped('name')}")
        no_order = claims.filtered(lambda claim: not claim.purchase_id)
        self.assertFalse(no_order, f"claims without order: {no_order.mapped('name')}")
        for claim in claims:
            self.assertEqual(
                claim.partner_id, claim.purchase_id.partner_id.commercial_partner_id
            )
            self.assertEqual(claim.move_id.purchase_line_id.order_id, claim.purchase_id)
        self.assertIn("open", claims.mapped("state"), "some wait for the supplier")
        answered = claims.filtered("supplier_answer")
        self.assertTrue(answered, "some were answered by the supplier")
        self.assertIn("closed", claims.mapped("state"), "some closed by the buyer")
        credited = claims.filtered(lambda c: c.credit_move_id)
        self.assertTrue(credited, "accepted claims bring a credit note")
        for claim in credited:
            self.assertEqual(claim.credit_move_id.move_type, "in_refund")
            self.assertEqual(claim.credit_move_id.partner_id, claim.partner_id)
        # The supplier's portal user sees none of them in the back office.
        user = result["supplier_users"]["supplier1"]
        with self.assertRaises(AccessError):
            self.env["boh.claim"].with_user(user).search([])
