{
    "name": "BOH Forecast Ordering",
    "summary": "Store order suggestions from the forecasts, the value added by "
    "the stores' overrides and forecast-managed central warehouse reordering rules",
    "version": "18.0.1.0.0",
    "category": "Inventory/BOH",
    "author": "BOH",
    "maintainers": ["boh-erp"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["boh_forecast", "boh_ordering"],
    "data": [
        "security/ir.model.access.csv",
        "security/boh_forecast_value_added_rules.xml",
        "views/boh_forecast_value_added_views.xml",
        "views/boh_forecast_run_views.xml",
        "views/boh_store_order_views.xml",
        "views/stock_warehouse_orderpoint_views.xml",
        "report/boh_forecast_value_added_report.xml",
        "views/boh_forecast_ordering_menus.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "boh_forecast_ordering/static/src/suggestion_explanation/*",
        ],
        "web.assets_tests": ["boh_forecast_ordering/static/tests/tours/*.js"],
    },
    "auto_install": True,
    "installable": True,
}
