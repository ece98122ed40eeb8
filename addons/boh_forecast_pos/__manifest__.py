{
    "name": "BOH Forecast - Point of Sale",
    "summary": "Daily demand history of the BOH forecasts from Odoo POS orders",
    "version": "18.0.1.0.0",
    "category": "Inventory/BOH",
    "author": "BOH",
    "maintainers": ["boh-erp"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["boh_forecast", "point_of_sale"],
    "data": [],
    "auto_install": True,
    "installable": True,
}
