{
    "name": "BOH Store Operations",
    "summary": "Stock counts and waste of the stores, on the web client and on a phone",
    "version": "18.0.1.0.0",
    "category": "Inventory/BOH",
    "author": "BOH",
    "maintainers": ["boh-erp"],
    "license": "LGPL-3",
    "development_status": "Beta",
    # boh_ordering: a count walks the store's order guide (what the store
    # carries, in shelf order) and both documents share its store-document,
    # product-line and input mixins and its Excel report base.
    "depends": ["boh_ordering"],
    "data": [
        "security/boh_store_ops_security.xml",
        "data/ir_sequence_data.xml",
        "views/boh_stock_count_views.xml",
        "views/boh_waste_views.xml",
        "report/boh_store_ops_reports.xml",
        "views/boh_store_ops_menus.xml",
        "views/boh_store_ops_phone_menus.xml",
    ],
    "demo": ["demo/boh_store_ops_demo.xml"],
    "assets": {
        "web.assets_backend": ["boh_store_ops/static/src/phone/*"],
        "web.assets_tests": ["boh_store_ops/static/tests/tours/*.js"],
    },
    "installable": True,
}
