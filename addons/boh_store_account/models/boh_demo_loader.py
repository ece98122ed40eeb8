from odoo import api, models


class BohDemoLoader(models.AbstractModel):
    _inherit = "boh.demo.loader"

    @api.model
    def load_store_account_demo(self):
        """Demo of boh_store_account on the chain boh_base loaded.

        The sites got their analytic accounts at install. With a chart of
        accounts, the company gets a Food Waste account and the demo's posted
        waste its journal entries. The demo categories stay in periodic
        (manual) valuation: the other demo loaders receive and count goods
        in databases made without a chart too, where automated valuation
        cannot post.
        """
        self._check_demo_loader_access()
        company = self.env.company
        if not company.boh_waste_account_id:
            account = self._demo_waste_account(company)
            if not account:
                return False
            company.boh_waste_account_id = account
        wastes = self.env["boh.waste"].search(
            [
                ("state", "=", "done"),
                ("account_move_id", "=", False),
                ("company_id", "=", company.id),
            ]
        )
        categories = wastes.product_id.categ_id.with_company(company)
        if company.boh_waste_periodic_credit == "stock" and not all(
            category.property_stock_valuation_account_id for category in categories
        ):
            # A chart without stock accounts for periodic valuation (China's,
            # for one): purchases are expensed, so waste moves from the cost
            # of goods to the waste account.
            company.boh_waste_periodic_credit = "expense"
        wastes._boh_post_waste_entries()
        return True

    def _demo_waste_account(self, company):
        """A Food Waste expense account next to the cost of goods account of
        the demo's products (none without a chart of accounts)."""
        Account = self.env["account.account"].with_company(company)
        category = self.env["product.category"].with_company(company)
        cogs = category.search([], limit=1).property_account_expense_categ_id
        if not cogs or not self.env["account.journal"].search_count(
            [("type", "=", "general"), ("company_id", "=", company.id)], limit=1
        ):
            return Account
        domain = Account._check_company_domain(company)
        used = set(Account.search(domain).mapped("code"))
        code = f"{cogs.code}.W"
        if cogs.code.isdigit():
            code = next(
                (
                    str(int(cogs.code) + step)
                    for step in range(1, 100)
                    if str(int(cogs.code) + step) not in used
                ),
                code,
            )
        return Account.create(
            {
                "name": "Food Waste",
                "code": code,
                "account_type": cogs.account_type
                if cogs.account_type in ("expense", "expense_direct_cost")
                else "expense_direct_cost",
                "company_ids": [(6, 0, company.ids)],
            }
        )
