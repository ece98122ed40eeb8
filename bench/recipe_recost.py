"""Benchmark: re-cost 300 menu items after ingredient price changes.

Run it in an Odoo shell on a database where boh_recipe is installed:

    odoo shell -c <odoo.conf> -d <database> --no-http < bench/recipe_recost.py

It builds 1,000 ingredients and 3-level recipes: 100 prep recipes (kits, 4
ingredients each), 60 sauces made at the central kitchen (normal BoMs, 3
ingredients and a prep each) and 300 menu items (kits: 5 ingredients, a
sauce and a prep each; every menu item also uses ingredient 0). Then it
times, each as one call the way Odoo makes it:

- one ingredient's cost changes (``standard_price``), the ingredient used by
  all 300 menu items;
- 100 ingredients' costs change in one write (a price import);
- the same 100 ingredients, one write each (a buyer editing them one by one);
- cost source "preferred supplier price": 100 supplier prices change in one
  write;
- every recipe of the company re-costed (``_boh_recompute_all_recipe_costs``).

It prints wall time and queries of each, how many menu items crossed their
target (and the to-dos created), then rolls everything back. Exit status 1
when a single call takes more than ``LIMIT`` seconds (the 100 separate writes
are 100 calls: printed for information).
"""

import random
import sys
import time

INGREDIENTS, PREPS, SAUCES, DISHES, LIMIT = 1000, 100, 60, 300, 5.0

env = env  # noqa: F821,PLW0127 - provided by the Odoo shell
env = env(context=dict(env.context, tracking_disable=True, mail_notrack=True))
rng = random.Random(15)
kg = env.ref("uom.product_uom_kgm")
unit = env.ref("uom.product_uom_unit")
Product = env["product.product"]
owner = env.ref("base.user_admin")
t0 = time.perf_counter()
partner = env["res.partner"].create({"name": "Bench recipe supplier"})
ingredients = Product.create(
    [
        {
            "name": f"Bench ingredient {i}",
            "is_storable": True,
            "sale_ok": False,
            "uom_id": kg.id,
            "uom_po_id": kg.id,
            "standard_price": round(rng.uniform(2, 60), 2),
            "seller_ids": [
                (
                    0,
                    0,
                    {"partner_id": partner.id, "price": round(rng.uniform(2, 60), 2)},
                )
            ],
        }
        for i in range(INGREDIENTS)
    ]
)


def make(names, sold, uom):
    return Product.create(
        [
            {
                "name": name,
                "is_storable": not sold,
                "sale_ok": sold,
                "list_price": 80.0 if sold else 0.0,
                **({"boh_menu_owner_id": owner.id} if sold else {}),
                "uom_id": uom.id,
                "uom_po_id": uom.id,
            }
            for name in names
        ]
    )


def boms(products, bom_type, qty, lines_of):
    env["mrp.bom"].create(
        [
            {
                "product_tmpl_id": p.product_tmpl_id.id,
                "product_qty": qty,
                "product_uom_id": p.uom_id.id,
                "type": bom_type,
                "bom_line_ids": [
                    (
                        0,
                        0,
                        {
                            "product_id": c.id,
                            "product_qty": q,
                            "product_uom_id": c.uom_id.id,
                            "boh_yield_pct": y,
                        },
                    )
                    for c, q, y in lines_of(p)
                ],
            }
            for p in products
        ]
    )


def some(n):
    return rng.sample(list(ingredients[1:]), n)


preps = make([f"Bench prep {i}" for i in range(PREPS)], False, kg)
boms(preps, "phantom", 1.0, lambda p: [(c, 0.3, 85) for c in some(4)])
sauces = make([f"Bench sauce {i}" for i in range(SAUCES)], False, kg)
boms(
    sauces,
    "normal",
    5.0,
    lambda p: [(c, 1.0, 90) for c in some(3)] + [(rng.choice(preps), 2.0, 100)],
)
dishes = make([f"Bench dish {i}" for i in range(DISHES)], True, unit)
boms(
    dishes,
    "phantom",
    1.0,
    lambda p: (
        [(c, 0.05, 80) for c in some(5)]
        + [(ingredients[0], 0.05, 100)]
        + [(rng.choice(sauces), 0.03, 100), (rng.choice(preps), 0.08, 100)]
    ),
)
dishes.invalidate_recordset()
print(
    f"built {INGREDIENTS} ingredients, {PREPS} preps, {SAUCES} sauces,"
    f" {DISHES} dishes in {time.perf_counter() - t0:.1f} s;"
    f" food cost % of dish 0: {dishes[0].boh_food_cost_pct}"
)
Activity = env["mail.activity"]
failed = False


def timed(label, call, limit=LIMIT):
    global failed
    env.flush_all()
    env.invalidate_all()
    activities = Activity.search_count([])
    before = env.cr.sql_log_count
    start = time.perf_counter()
    call()
    env.flush_all()
    wall = time.perf_counter() - start
    queries = env.cr.sql_log_count - before
    above = Product.search_count(
        [("id", "in", dishes.ids), ("boh_below_target", "=", True)]
    )
    flag = "    " if limit is None else "OK  " if wall <= limit else "SLOW"
    failed |= limit is not None and wall > limit
    print(
        f"{flag} {wall:6.2f} s {queries:6d} queries  {label}"
        f"  ({above} dishes above target,"
        f" {Activity.search_count([]) - activities} to-dos created)"
    )


timed(
    "1 ingredient used by all 300 dishes, standard_price",
    lambda: ingredients[0].write({"standard_price": 150.0}),
)
changed = ingredients[1:101]
timed(
    "100 ingredients, standard_price, one write",
    lambda: changed.write({"standard_price": 70.0}),
)


def one_by_one():
    for product in changed:
        product.write({"standard_price": 75.0})


# 100 separate calls, 100 re-costing passes: for information, no limit
timed("100 ingredients, standard_price, 100 writes", one_by_one, limit=None)
env.company.boh_recipe_cost_source = "supplier"
timed(
    "100 supplier prices, one write (cost source: supplier)",
    lambda: changed.seller_ids.write({"price": 80.0}),
)
timed(
    "every recipe of the company (460)",
    lambda: env.company._boh_recompute_all_recipe_costs(),
)
env.cr.rollback()
print("rolled back")
sys.exit(1 if failed else 0)
