{
    "name": "BOH Supplier Claims",
    "summary": "Suppliers answer receiving claims in the portal; credit notes "
    "for accepted claims",
    "version": "18.0.1.0.0",
    "category": "Inventory/BOH",
    "author": "BOH",
    "maintainers": ["boh-erp"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["boh_supply", "boh_receiving"],
    "data": [
        "views/boh_claim_views.xml",
        "views/portal_templates.xml",
        "data/boh_supply_dashboard_data.xml",
    ],
    "demo": ["demo/boh_supply_claim_demo.xml"],
    "auto_install": True,
    "installable": True,
}
