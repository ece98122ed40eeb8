"""Theoretical usage of a year of a 200-store chain: the full recipe explosion.

Run inside an Odoo shell on a throwaway database with boh_food_cost installed
(no demo data needed)::

    python3 -m odoo shell -c <odoo.conf> -d <db> --no-http \
        < bench/food_cost_explode.py

Setup (committed, not timed, skipped when already there): ``STORES`` stores,
``INGREDIENTS`` storable ingredients, 20 sauces made in the store (kit BoMs
of 3 ingredients) and ``DISHES`` menu items (kit BoMs of 5 ingredients, every
third one with a sauce: two levels), then one sales row per store x dish x
day for ``DAYS`` days, inserted with ``generate_series`` (about 22 million
rows for 200 x 300 x 365), written "long ago" so the watermark starts clean.

Timed: ``boh.usage.theoretical._recompute(full=True)`` (recipe matrix, then
delete and insert every store-day, a month at a time, committed), then one
changed store-day and the incremental ``_recompute()``. Peak memory: the
Odoo process (``resource.getrusage``) and the PostgreSQL backend (``VmHWM``
of its process, read from /proc, and the temporary files it wrote). Sizes
can be changed with the environment variables of the same names.
"""

import os
import resource
import time

STORES = int(os.environ.get("STORES", 200))
DISHES = int(os.environ.get("DISHES", 300))
DAYS = int(os.environ.get("DAYS", 365))
INGREDIENTS = int(os.environ.get("INGREDIENTS", 150))
FIRST_DAY = "2030-01-01"

env = env  # noqa: F821,PLW0127 - provided by odoo shell
cr = env.cr
Product = env["product.product"]


def products(prefix):
    return Product.search([("default_code", "=like", prefix + "%")], order="id")


def setup():
    t0 = time.perf_counter()
    Store = env["boh.store"]
    have = Store.search_count([("code", "=like", "FB%")])
    Store.create(
        [
            {"name": f"Bench store {n:03d}", "code": f"FB{n:03d}"}
            for n in range(have, STORES)
        ]
    )
    env.cr.commit()
    kg = env.ref("uom.product_uom_kgm")
    if not products("FBI-"):
        Product.create(
            [
                {
                    "name": f"Bench ingredient {n:04d}",
                    "default_code": f"FBI-{n:04d}",
                    "is_storable": True,
                    "uom_id": kg.id,
                    "uom_po_id": kg.id,
                    "standard_price": 1 + n % 30,
                }
                for n in range(INGREDIENTS)
            ]
        )
    ingredients = products("FBI-")
    if not products("FBS-"):
        sauces = Product.create(
            [
                {
                    "name": f"Bench sauce {n:02d}",
                    "default_code": f"FBS-{n:02d}",
                    "is_storable": True,
                    "uom_id": kg.id,
                    "uom_po_id": kg.id,
                }
                for n in range(20)
            ]
        )
        bom(sauces, ingredients, 3)
    sauces = products("FBS-")
    if not products("FBD-"):
        dishes = Product.create(
            [
                {
                    "name": f"Bench dish {n:03d}",
                    "default_code": f"FBD-{n:03d}",
                    "type": "consu",
                    "list_price": 5 + n % 40,
                }
                for n in range(DISHES)
            ]
        )
        bom(dishes, ingredients, 5, sauces)
    env.cr.commit()
    print(f"master data: {time.perf_counter() - t0:.1f} s")
    cr.execute("SELECT count(*) FROM boh_demand_daily WHERE source = 'pos'")
    if cr.fetchone()[0]:
        return
    t0 = time.perf_counter()
    stores = env["boh.store"].search([("code", "=like", "FB%")], order="id")
    dishes = products("FBD-")
    cr.execute(
        """
        INSERT INTO boh_demand_daily (store_id, product_id, date, source, qty,
            amount, stockout, company_id, create_uid, create_date, write_uid,
            write_date)
        SELECT s, p, %(first)s::date + g, 'pos', q, q * (5 + p %% 40), false,
               %(company)s, 1, '2024-01-01', 1, '2024-01-01'
          FROM unnest(%(stores)s::int[]) s
         CROSS JOIN unnest(%(dishes)s::int[]) p
         CROSS JOIN generate_series(0, %(days)s - 1) g
         CROSS JOIN LATERAL (SELECT 1 + (s * 7 + p * 13 + g * 3) %% 17 AS q) x
        """,
        {
            "first": FIRST_DAY,
            "company": env.company.id,
            "stores": stores.ids,
            "dishes": dishes.ids,
            "days": DAYS,
        },
    )
    rows = cr.rowcount
    cr.execute("ANALYZE boh_demand_daily")
    env.cr.commit()
    print(f"{rows:,} demand rows inserted: {time.perf_counter() - t0:.1f} s")


def bom(products_, ingredients, size, sauces=None):
    lines = []
    n = len(ingredients)
    for k, product in enumerate(products_):
        comps = [ingredients[(k * 7 + j * 11) % n] for j in range(size)]
        if sauces and k % 3 == 0:
            comps.append(sauces[k % len(sauces)])
        lines.append(
            {
                "product_tmpl_id": product.product_tmpl_id.id,
                "product_id": product.id,
                "product_qty": 1,
                "product_uom_id": product.uom_id.id,
                "type": "phantom",
                "bom_line_ids": [
                    (0, 0, {"product_id": c.id, "product_qty": 0.01 * (1 + j)})
                    for j, c in enumerate(comps)
                ],
            }
        )
    env["mrp.bom"].create(lines)


def backend_memory():
    cr.execute("SELECT pg_backend_pid()")
    pid = cr.fetchone()[0]
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM"):
                    return line.split(":")[1].strip()
    except OSError:
        return "n/a (server on another host)"


def temp_bytes():
    cr.execute(
        "SELECT temp_bytes FROM pg_stat_database WHERE datname = current_database()"
    )
    return cr.fetchone()[0]


setup()
Usage = env["boh.usage.theoretical"]
# a first explosion: nothing computed yet
cr.execute("TRUNCATE boh_usage_theoretical")
env["ir.config_parameter"].set_param("boh_food_cost.theoretical_watermark", "")
env.cr.commit()
temp0 = temp_bytes()
t0 = time.perf_counter()
touched, written = Usage._recompute(full=True)
env.cr.commit()
elapsed = time.perf_counter() - t0
print(
    f"full explosion: {touched:,} store-days, {written:,} usage rows,"
    f" {elapsed:.1f} s (with commit)"
)
print(f"peak memory of the Odoo process: {resource.getrusage(0).ru_maxrss // 1024} MB")
print(f"peak memory of the PostgreSQL backend: {backend_memory()}")
print(f"temporary files written: {(temp_bytes() - temp0) / 2**20:,.0f} MB")
# a day later: the nightly run's watermark is past the setup rows (all
# written at one instant, which the 30-minute safety margin would take again)
env["ir.config_parameter"].set_param(
    "boh_food_cost.theoretical_watermark", "2024-01-01 01:00:00"
)
# one store-day changes: only it is recomputed
cr.execute(
    "SELECT store_id, product_id, date FROM boh_demand_daily"
    " WHERE source = 'pos' ORDER BY id DESC LIMIT 1"
)
store_id, product_id, day = cr.fetchone()
env["boh.demand.daily"]._upsert("pos", [store_id], [product_id], [day], [999])
t0 = time.perf_counter()
touched, written = Usage._recompute()
print(
    f"incremental: {touched} store-day, {written} rows,"
    f" {time.perf_counter() - t0:.2f} s"
)
env.cr.rollback()
