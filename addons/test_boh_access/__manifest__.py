{
    "name": "BOH Access Tests",
    "summary": "Role x model x operation matrix and RPC attacks over every BOH "
    "addon and the Odoo documents they scope (tests only)",
    "version": "18.0.1.0.0",
    "category": "Hidden/Tests",
    "author": "BOH",
    "maintainers": ["boh-erp"],
    "license": "LGPL-3",
    "depends": [
        "boh_base",
        "boh_ordering",
        "boh_ordering_mrp",
        "boh_forecast",
        "boh_forecast_pos",
        "boh_inspection",
        "boh_supply",
        "boh_supply_claim",
        "boh_supply_forecast",
        "boh_supply_ordering",
    ],
    "installable": True,
}
