{
    "name": "BOH Store Ordering",
    "summary": "Order guides, schedules, store orders, approvals and fulfilment",
    "version": "18.0.1.1.0",
    "category": "Inventory/BOH",
    "author": "BOH",
    "maintainers": ["boh-erp"],
    "license": "LGPL-3",
    "development_status": "Beta",
    # purchase_stock: supplier-sourced lines become purchase orders;
    # base_tier_validation: the approval tiers; queue_job: approvals of many
    # orders are fulfilled in background jobs; report_xlsx: guides and orders
    # in Excel. Manufacturing (boh_ordering_mrp), receiving (boh_receiving),
    # counts and waste (boh_store_ops) and forecasts (boh_forecast_ordering)
    # are addons of their own.
    "depends": [
        "boh_base",
        "stock",
        "purchase_stock",
        "base_tier_validation",
        "report_xlsx",
        "mail",
        "queue_job",
    ],
    "external_dependencies": {"python": ["openpyxl"]},
    "data": [
        "security/boh_ordering_security.xml",
        "security/ir.model.access.csv",
        "security/odoo_document_rules.xml",
        "views/boh_store_order_views.xml",
        "views/boh_order_guide_views.xml",
        "views/boh_order_schedule_views.xml",
        "views/boh_order_consolidation_views.xml",
        "views/boh_ordering_reports.xml",
        "views/stock_picking_views.xml",
        "wizards/boh_late_approval_wizard_views.xml",
        "report/boh_fill_rate_report.xml",
        "views/boh_ordering_menus.xml",
        "data/boh_ordering_cron.xml",
        "data/ir_sequence_data.xml",
        "data/queue_job_data.xml",
        "data/mail_activity_type_data.xml",
        "data/mail_activity_type_shortfall_data.xml",
        "data/boh_home_data.xml",
    ],
    "demo": ["demo/tier_definition_demo.xml", "demo/boh_ordering_demo.xml"],
    "assets": {
        "web.assets_tests": ["boh_ordering/static/tests/tours/*.js"],
    },
    "installable": True,
}
