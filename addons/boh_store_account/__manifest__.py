{
    "name": "BOH Store Accounting",
    "summary": "Stores as analytic accounts: bills, cost of goods and waste by "
    "store, and a food cost by store report",
    "version": "18.0.1.0.0",
    "category": "Inventory/BOH",
    "author": "BOH",
    "maintainers": ["boh-erp"],
    "license": "LGPL-3",
    "development_status": "Beta",
    # boh_store_ops: the waste entries posted to the waste account;
    # purchase_stock: the store's distribution on the purchase order lines
    # (and the vendor bills made from them); stock_account: the valuation
    # entries of the stores' stock moves; analytic: the "Stores" plan.
    "depends": ["boh_store_ops", "purchase_stock", "stock_account", "analytic"],
    "data": [
        "security/ir.model.access.csv",
        "security/boh_store_account_security.xml",
        "data/account_analytic_plan_data.xml",
        "views/boh_store_views.xml",
        "views/boh_waste_views.xml",
        "views/res_config_settings_views.xml",
        "views/account_analytic_line_views.xml",
        "views/boh_store_account_menus.xml",
    ],
    "demo": ["demo/boh_store_account_demo.xml"],
    "post_init_hook": "post_init_hook",
    "installable": True,
}
