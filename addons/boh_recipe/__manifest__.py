{
    "name": "BOH Recipes and Recipe Costing",
    "summary": "Recipes on bills of materials: yields, sub-recipes, one "
    "explosion API, recipe cost and food cost % of every menu item",
    "version": "18.0.1.0.0",
    "category": "Inventory/BOH",
    "author": "BOH",
    "maintainers": ["boh-erp"],
    "license": "LGPL-3",
    "development_status": "Beta",
    # mrp: recipes are bills of materials (kits made in the store, normal
    # BoMs made at the central kitchen); supplier prices come from product.
    "depends": ["boh_base", "mrp", "product"],
    "data": [
        "security/ir.model.access.csv",
        "data/mail_activity_type_data.xml",
        "wizards/boh_recipe_target_wizard_views.xml",
        "views/mrp_bom_views.xml",
        "views/product_views.xml",
        "views/res_config_settings_views.xml",
        "views/boh_recipe_menus.xml",
    ],
    "demo": ["demo/boh_recipe_demo.xml"],
    "post_init_hook": "post_init_hook",
    "installable": True,
}
