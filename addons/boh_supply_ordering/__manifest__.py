{
    "name": "BOH Supplier Rejections for Store Orders",
    "summary": "A supplier's rejection reaches the store orders it came from; "
    "the store re-sources the rejected quantities",
    "version": "18.0.1.0.0",
    "category": "Inventory/BOH",
    "author": "BOH",
    "maintainers": ["boh-erp"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["boh_supply", "boh_ordering", "boh_receiving"],
    "data": [
        "security/ir.model.access.csv",
        "views/boh_store_order_views.xml",
        "wizards/boh_supply_resource_wizard_views.xml",
        "wizards/boh_receive_wizard_views.xml",
    ],
    "auto_install": True,
    "installable": True,
}
