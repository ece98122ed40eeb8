{
    "name": "BOH Supplier Forecast Sharing",
    "summary": "The supplier portal's shared forecast is fed by the chain's "
    "demand forecasts",
    "version": "18.0.1.0.0",
    "category": "Inventory/BOH",
    "author": "BOH",
    "maintainers": ["boh-erp"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["boh_supply", "boh_forecast", "boh_ordering"],
    "data": [],
    "auto_install": True,
    "installable": True,
}
