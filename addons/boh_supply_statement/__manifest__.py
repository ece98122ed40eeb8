{
    "name": "BOH Supplier Statements",
    "summary": "Monthly supplier statements (reconciliation) that suppliers "
    "confirm or dispute line by line in the portal",
    "version": "18.0.1.0.0",
    "category": "Inventory/BOH",
    "author": "BOH",
    "maintainers": ["boh-erp"],
    "license": "LGPL-3",
    "development_status": "Beta",
    # boh_supply: the supplier portal, its users and the buyer role;
    # report_xlsx: the statement as a spreadsheet.
    "depends": ["boh_supply", "report_xlsx"],
    "data": [
        "security/ir.model.access.csv",
        "security/boh_supply_statement_rules.xml",
        "data/ir_sequence_data.xml",
        "data/ir_cron_data.xml",
        "report/boh_supplier_statement_report.xml",
        "views/boh_supplier_statement_views.xml",
        "wizards/boh_supplier_statement_generate_views.xml",
        "views/boh_supply_statement_menus.xml",
        "views/portal_templates.xml",
    ],
    "demo": ["demo/boh_supply_statement_demo.xml"],
    "assets": {
        "web.assets_tests": ["boh_supply_statement/static/tests/tours/*.js"],
    },
    "installable": True,
}
