"""Recipe costing: the cost, food cost % and margin of every recipe.

``recompute(products)`` explodes the products through every BoM level in one
matrix (``_boh_recipe_matrix("all")``), prices each ingredient once (its
valuation cost or its preferred supplier's price, as the company chooses),
and writes only the values that changed. ``where_used(ingredients)`` finds
every product whose recipe uses them, at any depth, one query per level.

The values are the system's, not a user's: they are read and written as
superuser (``sudo``) so that a store manager whose receipt moved an average
cost, or a buyer who changed a supplier price, re-costs the dishes without
having the right to write costs.
"""

from odoo import fields

COST_FIELDS = (
    "boh_recipe_cost",
    "boh_food_cost_pct",
    "boh_margin",
    "boh_below_target",
    "boh_cost_missing",
    "boh_is_recipe",
)


def where_used(ingredients):
    """The products whose recipe uses ``ingredients`` at any depth (the
    ingredients themselves excluded unless they use each other)."""
    env = ingredients.env
    lines = env["mrp.bom.line"]
    found = env["product.product"]
    level = ingredients
    seen = set(ingredients.ids)
    while level:
        boms = lines.search(
            [("product_id", "in", level.ids), ("bom_id.active", "=", True)]
        ).bom_id
        parents = (
            boms.product_id
            | boms.filtered(
                lambda bom: not bom.product_id
            ).product_tmpl_id.product_variant_ids
        )
        found |= parents
        level = parents.filtered(lambda p: p.id not in seen)
        seen.update(level.ids)
    return found


def ingredient_costs(ingredients):
    """{ingredient id: (unit cost in its uom and the company currency,
    costed at valuation for lack of a supplier price)}."""
    env = ingredients.env
    company = env.company
    ingredients = ingredients.with_company(company)
    if company.boh_recipe_cost_source != "supplier":
        return {p.id: (p.standard_price, False) for p in ingredients}
    today = fields.Date.context_today(ingredients)
    costs = {}
    for product in ingredients:
        # first valid supplier line by sequence for one unit of the product
        seller = product._get_filtered_sellers(
            quantity=1.0, date=today, uom_id=product.uom_id
        )[:1]
        if not seller:
            costs[product.id] = (product.standard_price, True)
            continue
        price = seller.product_uom._compute_price(
            seller.price_discounted, product.uom_id
        )
        price = seller.currency_id._convert(
            price, company.currency_id, company, today, round=False
        )
        costs[product.id] = (price, False)
    return costs


def recompute(products):
    """Re-cost ``products`` (those with a BoM; the others are left alone).

    :return: the products that crossed above their target food cost % in
        this run, with the matrix rows: ``(crossed, matrix, unit costs)``.
    """
    products = products.sudo()  # see the module's docstring
    env = products.env
    matrix = products._boh_recipe_matrix("all")
    recipes = products.browse(list(matrix))
    ingredients = products.browse({i for row in matrix.values() for i in row})
    costs = ingredient_costs(ingredients)
    crossed = products.browse()
    for product in recipes:
        row = matrix[product.id]
        cost = 0.0
        missing = []
        fallback = []
        for ingredient, qty in row.items():
            unit_cost, is_fallback = costs[ingredient]
            if unit_cost <= 0.0 and qty > 0.0:
                missing.append(ingredient)
            if is_fallback:
                fallback.append(ingredient)
            cost += qty * unit_cost
        currency = env.company.currency_id
        cost = currency.round(cost)
        # food cost % and margin of what is sold; a sub-recipe has a cost
        price = product.lst_price if product.sale_ok else 0.0
        pct = round(cost / price * 100.0, 2) if price > 0 else 0.0
        target = product.boh_target_food_cost_pct
        below = bool(price > 0 and target > 0 and pct > target)
        vals = {
            "boh_recipe_cost": cost,
            "boh_food_cost_pct": pct,
            "boh_margin": currency.round(price - cost) if price else 0.0,
            "boh_below_target": below,
            "boh_cost_missing": bool(missing),
            "boh_is_recipe": True,
        }
        changed = {
            name: value for name, value in vals.items() if product[name] != value
        }
        if set(product.boh_cost_missing_product_ids.ids) != set(missing):
            changed["boh_cost_missing_product_ids"] = [(6, 0, missing)]
        if set(product.boh_cost_fallback_product_ids.ids) != set(fallback):
            changed["boh_cost_fallback_product_ids"] = [(6, 0, fallback)]
        if below and not product.boh_below_target:
            crossed |= product
        if changed:
            product.write(changed)
    # products that no longer have a recipe
    gone = (products - recipes).filtered("boh_is_recipe")
    if gone:
        gone.write(
            {
                **dict.fromkeys(COST_FIELDS, False),
                "boh_cost_missing_product_ids": [(5,)],
                "boh_cost_fallback_product_ids": [(5,)],
            }
        )
    return crossed, matrix, costs
