from odoo.tests import tagged

from .common import StoreAccountCase


@tagged("post_install", "-at_install")
class TestStoreAccountDemo(StoreAccountCase):
    def test_demo_books_the_posted_waste_once(self):
        self.company.boh_waste_account_id = False
        Waste = self.env["boh.waste"]
        waste = Waste.create(
            {
                "store_id": self.store_a.id,
                "product_id": self.product_manual.id,
                "quantity": 1.0,
                "reason": "damaged",
            }
        )
        waste.action_post()
        self.assertFalse(waste.account_move_id, "no waste account yet")
        Loader = self.env["boh.demo.loader"]
        self.assertTrue(Loader.load_store_account_demo())
        account = self.company.boh_waste_account_id
        self.assertEqual(account.name, "Food Waste")
        self.assertIn(account.account_type, ("expense", "expense_direct_cost"))
        entry = waste.account_move_id
        self.assertEqual(entry.state, "posted")
        debit = entry.line_ids.filtered(lambda ln: ln.account_id == account)
        self.assertEqual(debit.balance, 4.0)
        self.assertEqual(debit.analytic_distribution, self.distribution(self.store_a))
        Loader.load_store_account_demo()
        self.assertEqual(
            self.env["account.move.line"].search_count(
                [("account_id", "=", account.id)]
            ),
            1,
            "loading again books nothing twice",
        )
