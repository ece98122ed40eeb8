{
    "name": "BOH Food Cost",
    "summary": "Theoretical and actual usage, actual-versus-theoretical variance,"
    " food cost % and menu engineering per store and period",
    "version": "18.0.1.0.0",
    "category": "Inventory/BOH",
    "author": "BOH",
    "maintainers": ["boh-erp"],
    "license": "LGPL-3",
    "development_status": "Beta",
    # boh_recipe: the recipe explosion (what a dish takes of each ingredient);
    # boh_forecast: the dish sales per store and day (boh.demand.daily, with
    # their net sales); boh_store_ops: the posted stock counts that open and
    # close a period, and the waste shown apart.
    "depends": ["boh_recipe", "boh_forecast", "boh_store_ops"],
    "data": [
        "security/ir.model.access.csv",
        "security/boh_food_cost_security.xml",
        "data/ir_sequence_data.xml",
        "data/ir_cron_data.xml",
        "views/boh_food_cost_period_views.xml",
        "views/boh_food_cost_line_views.xml",
        "views/boh_usage_theoretical_views.xml",
        "views/boh_menu_engineering_views.xml",
        "views/boh_food_cost_menus.xml",
    ],
    "demo": ["demo/boh_food_cost_demo.xml"],
    "installable": True,
}
