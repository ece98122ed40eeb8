{
    "name": "BOH Receiving",
    "summary": "Stores receive their orders' goods: lots, claims on what arrived "
    "short, damaged or wrong, scrap of damaged goods kept",
    "version": "18.0.1.0.0",
    "category": "Inventory/BOH",
    "author": "BOH",
    "maintainers": ["boh-erp"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["boh_ordering", "report_xlsx", "mail"],
    "data": [
        "security/boh_receiving_security.xml",
        "views/boh_claim_views.xml",
        "views/boh_store_order_views.xml",
        "views/stock_picking_views.xml",
        "wizards/boh_receive_wizard_views.xml",
        "report/boh_receiving_reports.xml",
        "views/boh_receiving_menus.xml",
        "data/boh_claim_sequence.xml",
    ],
    "assets": {
        "web.assets_tests": ["boh_receiving/static/tests/tours/*.js"],
    },
    "installable": True,
}
