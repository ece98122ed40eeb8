from odoo.addons.boh_base.tests.common import BohCase
from odoo.addons.boh_supply.tests.common import ensure_chart_of_accounts


class StoreAccountCase(BohCase):
    """BohCase with a chart of accounts, a waste account, a cost of goods
    account, and a product in automated valuation and one in periodic
    (manual) valuation, both at a standard cost of 4."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ensure_chart_of_accounts(cls.env)
        cls.company = cls.env.company
        Account = cls.env["account.account"]
        cls.waste_account, cls.cogs_account, cls.stock_account, cls.input_account = (
            Account.create(
                [
                    {
                        "name": "Test Food Waste",
                        "code": "TBW610",
                        "account_type": "expense_direct_cost",
                    },
                    {
                        "name": "Test Food Cost",
                        "code": "TBW600",
                        "account_type": "expense_direct_cost",
                    },
                    {
                        "name": "Test Food Stock",
                        "code": "TBW130",
                        "account_type": "asset_current",
                    },
                    {
                        "name": "Test Stock Interim",
                        "code": "TBW131",
                        "account_type": "asset_current",
                        "reconcile": True,
                    },
                ]
            )
        )
        cls.company.boh_waste_account_id = cls.waste_account
        cls.stock_journal = cls.env["account.journal"].search(
            [("type", "=", "general"), ("company_id", "=", cls.company.id)], limit=1
        )
        accounts = {
            "property_cost_method": "standard",
            "property_stock_valuation_account_id": cls.stock_account.id,
            "property_stock_account_input_categ_id": cls.input_account.id,
            "property_stock_account_output_categ_id": cls.input_account.id,
            "property_account_expense_categ_id": cls.cogs_account.id,
            "property_stock_journal": cls.stock_journal.id,
        }
        Category = cls.env["product.category"]
        cls.categ_auto = Category.create(
            {"name": "Test Auto Food", "property_valuation": "real_time", **accounts}
        )
        cls.categ_manual = Category.create(
            {
                "name": "Test Periodic Food",
                "property_valuation": "manual_periodic",
                **accounts,
            }
        )
        Product = cls.env["product.product"]
        cls.product_auto, cls.product_manual = Product.create(
            [
                {
                    "name": "Test Auto Cream",
                    "is_storable": True,
                    "categ_id": cls.categ_auto.id,
                    "standard_price": 4.0,
                    "purchase_method": "purchase",
                },
                {
                    "name": "Test Periodic Cream",
                    "is_storable": True,
                    "categ_id": cls.categ_manual.id,
                    "standard_price": 4.0,
                    "purchase_method": "purchase",
                },
            ]
        )
        for product in cls.product_auto | cls.product_manual:
            for store in cls.test_stores:
                cls.env["stock.quant"]._update_available_quantity(
                    product, store.lot_stock_id, 50
                )

    @classmethod
    def distribution(cls, *stores):
        return {str(s.analytic_account_id.id): 100.0 for s in stores}
