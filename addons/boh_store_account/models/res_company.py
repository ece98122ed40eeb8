from odoo import fields, models

WASTE_PERIODIC_CREDIT = [
    ("stock", "Stock valuation account of the product category"),
    ("expense", "Expense account of the product category (purchases)"),
]


class ResCompany(models.Model):
    _inherit = "res.company"

    boh_waste_account_id = fields.Many2one(
        "account.account",
        string="Waste Account",
        check_company=True,
        domain="[('account_type', 'in', ('expense', 'expense_direct_cost'))]",
        help="Expense account of the stores' posted waste (a store may have its"
        " own). Empty: automated valuation books waste as Odoo does (the scrap"
        " location's or the category's accounts) and periodic valuation books"
        " nothing.",
    )
    boh_waste_journal_id = fields.Many2one(
        "account.journal",
        string="Waste Journal",
        check_company=True,
        domain="[('type', '=', 'general')]",
        help="Journal of the waste entries BOH posts itself (products in periodic"
        " valuation). Empty: the category's stock journal.",
    )
    boh_waste_periodic_credit = fields.Selection(
        WASTE_PERIODIC_CREDIT,
        string="Waste Credit (Periodic Valuation)",
        default="stock",
        required=True,
        help="Account credited by the waste entry of a product in periodic"
        " valuation, against the waste account.",
    )
    boh_food_cost_account_ids = fields.Many2many(
        "account.account",
        "boh_company_food_cost_account_rel",
        "company_id",
        "account_id",
        string="Food Cost Accounts",
        check_company=True,
        help="Accounts summed in Food Cost by Store. Empty: the Cost of Revenue"
        " accounts and the waste accounts.",
    )

    def _boh_food_cost_accounts(self):
        """The accounts of the food cost report of these companies."""
        accounts = self.env["account.account"]
        for company in self:
            if company.boh_food_cost_account_ids:
                accounts |= company.boh_food_cost_account_ids
                continue
            accounts |= self.env["account.account"].search(
                [
                    *self.env["account.account"]._check_company_domain(company),
                    ("account_type", "=", "expense_direct_cost"),
                ]
            )
            accounts |= company.boh_waste_account_id
            accounts |= (
                self.env["boh.store"]
                .with_context(active_test=False)
                .search([("company_id", "=", company.id)])
                .waste_account_id
            )
        return accounts
