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

    def test_demo_without_stock_accounts_credits_the_cost_of_goods(self):
        """A chart that gives the categories no stock valuation account (as
        China's): the demo books waste against the expense account."""
        self.company.boh_waste_account_id = False
        self.company.boh_waste_periodic_credit = "stock"
        category = self.product_manual.categ_id.with_company(self.company)
        category.property_stock_valuation_account_id = False
        waste = self.env["boh.waste"].create(
            {
                "store_id": self.store_a.id,
                "product_id": self.product_manual.id,
                "quantity": 1.0,
                "reason": "damaged",
            }
        )
        waste.action_post()
        self.assertTrue(self.env["boh.demo.loader"].load_store_account_demo())
        self.assertEqual(self.company.boh_waste_periodic_credit, "expense")
        expense = self.product_manual.product_tmpl_id.with_company(
            self.company
        ).get_product_accounts()["expense"]
        credit = waste.account_move_id.line_ids.filtered(lambda ln: ln.balance < 0)
        self.assertEqual(credit.account_id, expense)
        self.assertEqual(credit.balance, -4.0)
