from odoo.tests import tagged

from .common import StoreAccountCase


@tagged("post_install", "-at_install")
class TestWasteAccounting(StoreAccountCase):
    def _post_waste(self, product, store=None, qty=2.0, user=None):
        store = store or self.store_a
        user = user or self.manager_a
        waste = (
            self.env["boh.waste"]
            .with_user(user)
            .create(
                {
                    "store_id": store.id,
                    "product_id": product.id,
                    "quantity": qty,
                    "reason": "expired",
                }
            )
        )
        waste.action_post()
        return waste

    def _waste_lines(self, product):
        return self.env["account.move.line"].search(
            [
                ("account_id", "=", self.waste_account.id),
                ("product_id", "=", product.id),
            ]
        )

    def test_automated_valuation_books_waste_account_with_store(self):
        waste = self._post_waste(self.product_auto)
        entries = waste.scrap_id.move_ids.account_move_ids
        self.assertEqual(len(entries), 1, "Odoo's valuation entry, nothing else")
        self.assertEqual(waste.account_move_id, entries)
        debit = entries.line_ids.filtered(
            lambda ln: ln.account_id == self.waste_account
        )
        self.assertEqual(debit.balance, 8.0)
        self.assertEqual(debit.analytic_distribution, self.distribution(self.store_a))
        credit = entries.line_ids - debit
        self.assertEqual(credit.account_id, self.stock_account)
        self.assertFalse(credit.analytic_distribution, "no store on the stock side")
        self.assertEqual(debit.analytic_line_ids.boh_store_id, self.store_a)
        self.assertEqual(debit.analytic_line_ids.boh_cost_amount, 8.0)
        self.assertEqual(self._waste_lines(self.product_auto), debit)

    def test_store_waste_account_overrides_company(self):
        own = self.env["account.account"].create(
            {"name": "Store B Waste", "code": "TBW611", "account_type": "expense"}
        )
        self.store_b.with_user(self.boh_admin).waste_account_id = own
        waste = self._post_waste(
            self.product_auto, store=self.store_b, user=self.manager_b
        )
        debit = waste.account_move_id.line_ids.filtered(lambda ln: ln.account_id == own)
        self.assertEqual(debit.balance, 8.0)
        self.assertEqual(debit.analytic_distribution, self.distribution(self.store_b))

    def test_periodic_valuation_posts_one_entry(self):
        waste = self._post_waste(self.product_manual, qty=3.0)
        self.assertFalse(
            waste.scrap_id.move_ids.account_move_ids, "Odoo posts nothing in periodic"
        )
        entry = waste.account_move_id
        self.assertEqual(entry.state, "posted")
        self.assertEqual(entry.journal_id, self.stock_journal)
        self.assertEqual(entry.date, waste.date)
        debit = entry.line_ids.filtered(lambda ln: ln.account_id == self.waste_account)
        self.assertEqual(debit.balance, 12.0)
        self.assertEqual(debit.analytic_distribution, self.distribution(self.store_a))
        credit = entry.line_ids - debit
        self.assertEqual(credit.account_id, self.stock_account)
        self.assertEqual(credit.balance, -12.0)
        # posting again (the demo's catch-up does) adds nothing
        waste._boh_post_waste_entries()
        self.assertEqual(self._waste_lines(self.product_manual), debit)

    def test_periodic_expense_credit_reclassifies_with_store(self):
        self.company.boh_waste_periodic_credit = "expense"
        waste = self._post_waste(self.product_manual)
        credit = waste.account_move_id.line_ids.filtered(
            lambda ln: ln.account_id == self.cogs_account
        )
        self.assertEqual(credit.balance, -8.0)
        self.assertEqual(credit.analytic_distribution, self.distribution(self.store_a))

    def test_no_waste_account_books_as_odoo(self):
        self.company.boh_waste_account_id = False
        manual = self._post_waste(self.product_manual)
        self.assertFalse(manual.account_move_id)
        auto = self._post_waste(self.product_auto)
        lines = auto.account_move_id.line_ids
        self.assertNotIn(self.waste_account, lines.account_id)
        cost = lines.filtered(lambda ln: ln.account_id != self.stock_account)
        self.assertEqual(cost.account_id, self.input_account, "Odoo's scrap account")
        self.assertEqual(cost.analytic_distribution, self.distribution(self.store_a))

    def test_other_scraps_keep_odoo_accounts(self):
        # A scrap that is no waste entry (a receiving claim's) is not waste.
        scrap = self.env["stock.scrap"].create(
            {
                "product_id": self.product_auto.id,
                "scrap_qty": 1,
                "location_id": self.store_a.lot_stock_id.id,
            }
        )
        scrap.action_validate()
        lines = scrap.move_ids.account_move_ids.line_ids
        self.assertTrue(lines)
        self.assertNotIn(self.waste_account, lines.account_id)
        cost = lines.filtered(lambda ln: ln.account_id != self.stock_account)
        self.assertEqual(cost.analytic_distribution, self.distribution(self.store_a))

    def test_count_adjustment_carries_store(self):
        quant = self.env["stock.quant"].search(
            [
                ("product_id", "=", self.product_auto.id),
                ("location_id", "=", self.store_b.lot_stock_id.id),
            ]
        )
        quant.inventory_quantity = 45
        quant.action_apply_inventory()
        move = self.env["stock.move"].search(
            [
                ("product_id", "=", self.product_auto.id),
                ("location_id", "=", self.store_b.lot_stock_id.id),
                ("is_inventory", "=", True),
            ]
        )
        lines = move.account_move_ids.line_ids
        self.assertEqual(len(lines), 2)
        loss = lines.filtered(lambda ln: ln.account_id != self.stock_account)
        self.assertEqual(loss.balance, 20.0)
        self.assertEqual(loss.analytic_distribution, self.distribution(self.store_b))
