from odoo.tests.common import TransactionCase


class TestReceivingDemo(TransactionCase):
    def test_demo_chain_receives_with_claims(self):
        """The demo stores receive with the wizard: what was short or damaged
        two weeks ago is claimed, the damaged goods kept are scrapped."""
        result = self.env["boh.demo.loader"].load_chain(
            stores=1, products=8, days=14, suppliers=2, seed=7
        )
        stores = [result["sites"][s.code] for s in result["chain"].stores]
        # Those of the receiving wizard (supplier addons add claims of their own).
        claims = self.env["boh.claim"].search(
            [("store_id", "in", [s.id for s in stores]), ("order_id", "!=", False)]
        )
        self.assertEqual(set(claims.mapped("reason")), {"short", "damaged"})
        self.assertEqual(set(claims.mapped("state")), {"open"})
        self.assertTrue(claims.filtered(lambda c: c.reason == "damaged").scrap_id)
        orders = claims.order_id
        self.assertEqual(set(orders.mapped("state")), {"received"})
