"""The ordering x forecast glue leaves boh_forecast for boh_forecast_ordering.

The value added of the stores' overrides (model, its XLSX report model,
views, access rights, rules, menu), the suggestions on store order lines,
the explanation widget and the forecast-managed reordering rules of the
central warehouses move; boh_forecast no longer depends on boh_ordering.
The order line extension adds methods only (``suggestion_explanation`` is
boh_ordering's field); the reordering rule extension adds two stored fields,
whose columns must stay.
"""

from odoo.addons.boh_base.lib.migration import move_to_addon


def migrate(cr, version):
    if not version:
        return
    move_to_addon(
        cr,
        "boh_forecast",
        "boh_forecast_ordering",
        models=["boh.forecast.value.added", "report.boh_forecast.value_added_xlsx"],
        fields={
            "stock.warehouse.orderpoint": [
                "boh_forecast_managed",
                "boh_forecast_date",
            ],
        },
    )
