import math

from odoo import api, models

# Ingredients: name (the demo chain's product of that name when it has one),
# unit (xml id), cost per unit when the chain has no such product.
KG, UNIT, LITRE = "uom.product_uom_kgm", "uom.product_uom_unit", "uom.product_uom_litre"
INGREDIENTS = {
    "Noodles": (KG, 9.0),
    "Rice": (KG, 7.0),
    "Flour": (KG, 5.0),
    "Salt": (KG, 3.0),
    "Sugar": (KG, 8.0),
    "Cooking oil": (KG, 14.0),
    "Beef slice": (KG, 68.0),
    "Minced pork": (KG, 32.0),
    "Chicken breast": (KG, 26.0),
    "Shrimp": (KG, 90.0),
    "Bok choy": (KG, 6.0),
    "Scallion": (KG, 8.0),
    "Garlic": (KG, 12.0),
    "Pepper": (KG, 10.0),
    "Mushroom": (KG, 16.0),
    "Lemon": (KG, 9.0),
    "Soy sauce": (UNIT, 9.0),
    "Sesame oil": (UNIT, 18.0),
    "Chili sauce": (UNIT, 10.0),
    "Oyster sauce": (UNIT, 12.0),
    "Vinegar": (UNIT, 7.0),
    "Eggs (10)": (UNIT, 12.0),
    "Green tea": (UNIT, 3.0),
    "Soy milk": (UNIT, 4.0),
    "Paper cup": (UNIT, 0.4),
    "Lid": (UNIT, 0.2),
}
# Recipes: product (name, Chinese name, unit), BoM type, what the BoM yields,
# lines (ingredient or sub-recipe, quantity in its unit, yield %).
SUB_RECIPES = [
    (
        ("House chili sauce", "自制辣椒酱", LITRE),
        "normal",  # made at the central kitchen, delivered in bottles
        5.0,
        [
            ("Chili sauce", 2, 100),
            ("Garlic", 0.5, 85),
            ("Cooking oil", 1.0, 100),
            ("Sugar", 0.2, 100),
            ("Soy sauce", 1, 100),
        ],
    ),
    (
        ("Braised beef", "红烧牛肉", KG),
        "normal",
        10.0,
        [("Beef slice", 14.0, 70), ("Soy sauce", 2, 100), ("Sugar", 0.3, 100)],
    ),
    (
        ("Dumpling filling", "饺子馅", KG),
        "phantom",  # mixed in the store when the dumplings are made
        1.0,
        [
            ("Minced pork", 0.7, 100),
            ("Bok choy", 0.3, 80),
            ("Scallion", 0.05, 90),
            ("Soy sauce", 0.05, 100),
            ("Sesame oil", 0.02, 100),
        ],
    ),
    (
        ("Dumpling dough", "饺子皮面团", KG),
        "phantom",
        1.0,
        [("Flour", 0.65, 100), ("Salt", 0.01, 100)],
    ),
]
# Menu items: (name, Chinese name), food cost ratio the demo price is set
# from (the wonton soup's is above the 30% target), lines.
MENU = [
    (
        ("Braised beef noodle soup", "红烧牛肉面"),
        0.27,
        [
            ("Noodles", 0.15, 100),
            ("Braised beef", 0.1, 100),
            ("Bok choy", 0.05, 85),
            ("Scallion", 0.01, 90),
            ("House chili sauce", 0.02, 100),
        ],
    ),
    (
        ("Pork dumplings (10 pcs)", "猪肉水饺（10只）"),
        0.25,
        [
            ("Dumpling filling", 0.2, 100),
            ("Dumpling dough", 0.15, 100),
            ("House chili sauce", 0.015, 100),
        ],
    ),
    (
        ("Chicken rice bowl", "鸡肉饭"),
        0.28,
        [
            ("Rice", 0.12, 100),
            ("Chicken breast", 0.15, 75),
            ("Bok choy", 0.06, 85),
            ("Soy sauce", 0.02, 100),
        ],
    ),
    (
        ("Braised beef rice bowl", "红烧牛肉饭"),
        0.29,
        [("Rice", 0.12, 100), ("Braised beef", 0.12, 100), ("Pepper", 0.04, 85)],
    ),
    (
        ("Shrimp wonton soup", "鲜虾馄饨汤"),
        0.36,
        [
            ("Shrimp", 0.1, 60),
            ("Dumpling dough", 0.08, 100),
            ("Scallion", 0.01, 90),
            ("Sesame oil", 0.01, 100),
        ],
    ),
    (
        ("Hot and sour soup", "酸辣汤"),
        0.24,
        [
            ("Mushroom", 0.06, 90),
            ("Vinegar", 0.03, 100),
            ("Eggs (10)", 0.1, 100),
            ("Chili sauce", 0.02, 100),
        ],
    ),
    (
        ("Stir-fried bok choy", "清炒小白菜"),
        0.22,
        [
            ("Bok choy", 0.25, 80),
            ("Garlic", 0.02, 85),
            ("Cooking oil", 0.02, 100),
            ("Oyster sauce", 0.03, 100),
        ],
    ),
    (
        ("Scallion pancake", "葱油饼"),
        0.2,
        [("Flour", 0.12, 100), ("Scallion", 0.04, 90), ("Cooking oil", 0.03, 100)],
    ),
    (
        ("Iced lemon tea", "冰柠檬茶"),
        0.18,
        [
            ("Lemon", 0.05, 70),
            ("Green tea", 0.1, 100),
            ("Sugar", 0.02, 100),
            ("Paper cup", 1, 100),
            ("Lid", 1, 100),
        ],
    ),
    (
        ("Fresh soy milk", "现磨豆浆"),
        0.2,
        [("Soy milk", 0.5, 100), ("Sugar", 0.01, 100), ("Paper cup", 1, 100)],
    ),
]
DEMO_CODE = "BOH-MENU-"


class BohDemoLoader(models.AbstractModel):
    _inherit = "boh.demo.loader"

    @api.model
    def load_recipe_demo(self):
        """A restaurant menu on the demo chain: 10 menu items whose recipes
        use the chain's products (created when the chain has none of that
        name), two sub-recipes made in the store (kits) and two at the
        central kitchen (normal BoMs), yields on meat and vegetables, sales
        prices from a food cost ratio (one dish above its target)."""
        self._check_demo_loader_access()
        env = self._quiet_env()
        Product = env["product.product"].with_context(active_test=False)
        if Product.search_count([("default_code", "=like", DEMO_CODE + "%")]):
            return False
        ingredients = self._demo_recipe_ingredients(env)
        made = dict(ingredients)
        owner = env.ref("boh_base.group_boh_buyer").users[:1] or env.user
        specs = [
            (name, zh, uom, bom_type, qty, lines, None, False)
            for (name, zh, uom), bom_type, qty, lines in SUB_RECIPES
        ] + [
            (name, zh, UNIT, "phantom", 1.0, lines, ratio, True)
            for (name, zh), ratio, lines in MENU
        ]
        products = Product.create(
            [
                {
                    "name": name,
                    "default_code": f"{DEMO_CODE}{index + 1:02d}",
                    "is_storable": not sold,
                    "type": "consu",
                    "uom_id": env.ref(uom).id,
                    "uom_po_id": env.ref(uom).id,
                    "sale_ok": sold,
                    "purchase_ok": False,
                    "list_price": 0.0,
                    **({"boh_menu_owner_id": owner.id} if sold else {}),
                }
                for index, (name, _zh, uom, _t, _q, _l, _r, sold) in enumerate(specs)
            ]
        )
        if env["res.lang"]._lang_get("zh_CN"):
            for product, spec in zip(products, specs):
                product.with_context(lang="zh_CN").name = spec[1]
        made.update(zip((spec[0] for spec in specs), products))
        env["mrp.bom"].create(
            [
                {
                    "product_tmpl_id": product.product_tmpl_id.id,
                    "product_qty": qty,
                    "product_uom_id": product.uom_id.id,
                    "type": bom_type,
                    "bom_line_ids": [
                        (
                            0,
                            0,
                            {
                                "product_id": made[line].id,
                                "product_qty": line_qty,
                                "product_uom_id": made[line].uom_id.id,
                                "boh_yield_pct": pct,
                            },
                        )
                        for line, line_qty, pct in lines
                    ],
                }
                for product, (_n, _z, _u, bom_type, qty, lines, _r, _s) in zip(
                    products, specs
                )
            ]
        )
        # sales prices from the recipe cost and the dish's food cost ratio
        dishes = products.filtered("sale_ok")
        costs = dishes.sudo()._boh_recipe_matrix("all")
        unit_cost = {
            p.id: p.standard_price
            for p in env["product.product"].browse(
                {i for row in costs.values() for i in row}
            )
        }
        for dish, spec in zip(dishes, specs[len(SUB_RECIPES) :]):
            cost = sum(q * unit_cost[i] for i, q in costs[dish.id].items())
            dish.list_price = max(math.ceil(cost / spec[6]), 1)
        return True

    def _demo_recipe_ingredients(self, env):
        """{name: product}: the chain's product of that name (its first), or
        a new one."""
        Product = env["product.product"]
        found = {}
        for product in Product.search(
            [("name", "in", list(INGREDIENTS))], order="default_code, id"
        ):
            found.setdefault(product.with_context(lang="en_US").name, product)
        missing = [name for name in INGREDIENTS if name not in found]
        new = Product.create(
            [
                {
                    "name": name,
                    "is_storable": True,
                    "uom_id": env.ref(INGREDIENTS[name][0]).id,
                    "uom_po_id": env.ref(INGREDIENTS[name][0]).id,
                    "standard_price": INGREDIENTS[name][1],
                    "sale_ok": False,
                }
                for name in missing
            ]
        )
        found.update(zip(missing, new))
        return found
