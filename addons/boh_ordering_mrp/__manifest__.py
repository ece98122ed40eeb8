{
    "name": "BOH Store Ordering: Central Kitchen Manufacturing",
    "summary": "Central kitchens manufacture what their stores order; the "
    "kitchen production list",
    "version": "18.0.1.0.0",
    "category": "Inventory/BOH",
    "author": "BOH",
    "maintainers": ["boh-erp"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["boh_ordering", "mrp"],
    "data": [
        "security/boh_ordering_mrp_security.xml",
        "security/ir.model.access.csv",
        "security/mrp_production_rules.xml",
        "security/boh_kitchen_production_security.xml",
        "views/boh_store_order_views.xml",
        "views/boh_kitchen_production_views.xml",
    ],
    "demo": ["demo/boh_ordering_mrp_demo.xml"],
    "auto_install": True,
    "installable": True,
}
