{
    "name": "BOH Flow Tests",
    "summary": "End-to-end flows of a store order per source type, run as the "
    "users who take each step (tests only)",
    "version": "18.0.1.0.0",
    "category": "Hidden/Tests",
    "author": "BOH",
    "maintainers": ["boh-erp"],
    "license": "LGPL-3",
    # Only what the flows need: the suite also runs them with the optional
    # addons (forecasting, point of sale, inspections) absent.
    "depends": [
        "boh_base",
        "boh_ordering",
        "boh_receiving",
        "boh_ordering_mrp",
        "boh_supply",
        "boh_supply_claim",
        "boh_supply_ordering",
    ],
    "assets": {
        "web.assets_tests": [
            "test_boh_flows/static/tests/tours/*.js",
        ],
    },
    "installable": True,
}
