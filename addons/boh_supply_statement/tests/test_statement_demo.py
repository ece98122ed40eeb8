from odoo.tests import tagged
from odoo.tests.common import TransactionCase

from odoo.addons.boh_supply.tests.common import ensure_chart_of_accounts


@tagged("post_install", "-at_install")
class TestStatementDemo(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The demo bills the received orders: a purchase journal is needed.
        ensure_chart_of_accounts(cls.env)

    def test_demo_statements(self):
        """Last month's statements of two demo suppliers, sent to them, one
        with a price difference and one with goods received but not billed."""
        loader = self.env["boh.demo.loader"]
        result = loader.load_chain(
            passwords=True,
            seed=7,
            stores=4,
            products=24,
            days=14,
            suppliers=2,
            supply_weeks=9,
        )
        statements = loader.load_statement_demo()
        self.assertEqual(len(statements), 2)
        self.assertEqual(set(statements.mapped("state")), {"sent"})
        kinds = set(statements.line_ids.mapped("difference_type"))
        self.assertIn("price_difference", kinds)
        self.assertIn("received_not_billed", kinds)
        self.assertTrue(
            statements.line_ids.filtered(lambda line: line.line_type == "bill")
        )
        self.assertEqual(
            set(statements.mapped("partner_id")),
            set(result["supply_orders"].partner_id.commercial_partner_id),
        )
        # Loading it again adds nothing.
        self.assertFalse(loader.load_statement_demo())
