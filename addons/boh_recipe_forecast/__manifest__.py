{
    "name": "BOH Recipe Forecast",
    "summary": "Ingredient needs from the dish forecasts exploded through the "
    "recipes, kept per store and ingredient when they forecast better",
    "version": "18.0.1.0.0",
    "category": "Inventory/BOH",
    "author": "BOH",
    "maintainers": ["boh-erp"],
    "license": "LGPL-3",
    "development_status": "Beta",
    # boh_recipe: the recipe matrix of the dishes; boh_forecast_ordering: the
    # runs whose store jobs forecast the dishes and the order suggestions that
    # explain where an ingredient's forecast comes from.
    "depends": ["boh_recipe", "boh_forecast_ordering"],
    "data": [
        "security/ir.model.access.csv",
        "security/boh_recipe_forecast_rules.xml",
        "views/boh_forecast_recipe_choice_views.xml",
        "views/res_company_views.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "boh_recipe_forecast/static/src/suggestion_explanation/*",
        ],
    },
    "auto_install": True,
    "installable": True,
}
