"""Actual versus theoretical usage of 200 stores x 1,000 ingredients, 4 weeks.

Run inside an Odoo shell on a throwaway database with boh_food_cost installed
(the stores of ``bench/food_cost_explode.py`` are reused when present)::

    python3 -m odoo shell -c <odoo.conf> -d <db> --no-http \
        < bench/food_cost_avt.py

Setup (SQL, not timed): ``INGREDIENTS`` storable ingredients; per store two
posted counts 28 days apart with a line per ingredient; theoretical usage
rows for every store x ingredient x day of the period (what the explosion
writes); 300 dishes' daily sales with net sales; ``RECEIPTS`` done receipt
move lines per store from the supplier location (each on a purchase order
line when ``purchase`` is installed) and 20 waste entries per store; then one
draft period per store. The setup is committed and vacuumed before the
timed part, as a chain's data is when a manager presses *Compute* (rows
written by the same open transaction are slower to check and lock); at the
end the computation is rolled back, the setup's rows are deleted and its
products archived, so the bench can run again on the same database.

Timed: ``periods._compute_periods()`` for all the periods at once, i.e. what
the *Compute* button runs after its access check: the incremental
theoretical usage (nothing changed), the figures of every source into a
temporary table, the lines' values and ranks in SQL, the suspect rules, the
inserts of lines, waste by reason and menu engineering, and the periods'
totals; followed by a flush. Then reading the report: the
``_read_group`` of the pivot by period (food cost % and variance).
"""

import os
import resource
import time
from contextlib import closing

from odoo import sql_db

STORES = int(os.environ.get("STORES", 200))
INGREDIENTS = int(os.environ.get("INGREDIENTS", 1000))
DISHES = int(os.environ.get("DISHES", 300))
RECEIPTS = int(os.environ.get("RECEIPTS", 200))
DAYS = 28
OPENING = "2031-03-01"

env = env  # noqa: F821,PLW0127 - provided by odoo shell
cr = env.cr
t0 = time.perf_counter()
Store = env["boh.store"]
have = Store.search_count([("code", "=like", "FB%")])
Store.create(
    [
        {"name": f"Bench store {n:03d}", "code": f"FB{n:03d}"}
        for n in range(have, STORES)
    ]
)
stores = Store.search([("code", "=like", "FB%")], order="id", limit=STORES)
kg = env.ref("uom.product_uom_kgm")
Product = env["product.product"]
ingredients = Product.create(
    [
        {
            "name": f"AvT ingredient {n:04d}",
            "default_code": f"FBA-{n:04d}",
            "is_storable": True,
            "uom_id": kg.id,
            "uom_po_id": kg.id,
            "standard_price": 1 + n % 50,
        }
        for n in range(INGREDIENTS)
    ]
)
dishes = Product.create(
    [
        {"name": f"AvT dish {n:03d}", "type": "consu", "list_price": 5 + n % 40}
        for n in range(DISHES)
    ]
)
env.flush_all()
print(f"master data: {time.perf_counter() - t0:.1f} s")
t0 = time.perf_counter()
args = {
    "stores": stores.ids,
    "ingredients": ingredients.ids,
    "dishes": dishes.ids,
    "opening": OPENING,
    "days": DAYS,
    "company": env.company.id,
    "uid": env.uid,
    "supplier": env.ref("stock.stock_location_suppliers").id,
    "receipts": RECEIPTS,
}
cr.execute(
    """
    CREATE TEMP TABLE bench_counts AS
    WITH c AS (
        INSERT INTO boh_stock_count (name, store_id, company_id, date, state,
            create_uid, create_date, write_uid, write_date)
        SELECT 'AVT/' || s || '/' || k, s, %(company)s,
               %(opening)s::date + k * %(days)s, 'done', %(uid)s, now(), %(uid)s,
               now()
          FROM unnest(%(stores)s::int[]) s CROSS JOIN generate_series(0, 1) k
        RETURNING id, store_id, date
    ) SELECT * FROM c
    """,
    args,
)
cr.execute(
    """
    INSERT INTO boh_usage_theoretical (store_id, product_id, date, qty, value,
        company_id, create_uid, create_date, write_uid, write_date)
    SELECT s, p, %(opening)s::date + g, 0.5 + (s + p + g) %% 7 * 0.1, 1.0,
           %(company)s, %(uid)s, now(), %(uid)s, now()
      FROM unnest(%(stores)s::int[]) s
     CROSS JOIN unnest(%(ingredients)s::int[]) p
     CROSS JOIN generate_series(1, %(days)s) g
    """,
    args,
)
usage = cr.rowcount
# counts: the opening stock, and a closing stock that follows the usage with
# a variance of -2 % to +6 % (receipts and waste make the rest)
cr.execute(
    """
    INSERT INTO boh_stock_count_line (count_id, store_id, company_id, state,
        product_id, product_uom_id, qty_counted, sequence, create_uid,
        create_date, write_uid, write_date)
    SELECT c.id, c.store_id, %(company)s, 'done', u.product_id, %(kg)s,
           60 + (c.store_id + u.product_id) %% 30
           - CASE WHEN c.date = %(opening)s::date THEN 0
                  ELSE u.qty * (1 + ((c.store_id * 7 + u.product_id) %% 9 - 2)
                                    / 100.0) END,
           10, %(uid)s, now(), %(uid)s, now()
      FROM bench_counts c
      JOIN (SELECT store_id, product_id, SUM(qty) AS qty
              FROM boh_usage_theoretical
             WHERE date > %(opening)s::date
               AND store_id = ANY(%(stores)s) AND product_id = ANY(%(ingredients)s)
             GROUP BY 1, 2) u ON u.store_id = c.store_id
    """,
    {**args, "kg": kg.id},
)
lines = cr.rowcount
cr.execute(
    """
    INSERT INTO boh_demand_daily (store_id, product_id, date, source, qty, amount,
        stockout, company_id, create_uid, create_date, write_uid, write_date)
    SELECT s, p, %(opening)s::date + g, 'pos', 1 + (s + p + g) %% 9,
           (1 + (s + p + g) %% 9) * (5 + p %% 40), false, %(company)s,
           %(uid)s, '2024-01-01', %(uid)s, '2024-01-01'
      FROM unnest(%(stores)s::int[]) s
     CROSS JOIN unnest(%(dishes)s::int[]) p
     CROSS JOIN generate_series(1, %(days)s) g
    """,
    args,
)
sales = cr.rowcount
# receipts: done moves from the supplier into each store's stock
cr.execute(
    """
    WITH src AS (
        SELECT s.id AS store_id, w.lot_stock_id AS location_id,
               (%(ingredients)s::int[])[1 + (s.id * 31 + g) %% %(n)s] AS product_id,
               %(opening)s::date + 1 + g %% (%(days)s - 1) AS day, g
          FROM boh_store s
          JOIN stock_warehouse w ON w.id = s.warehouse_id
         CROSS JOIN generate_series(1, %(receipts)s) g
         WHERE s.id = ANY(%(stores)s)
    ), m AS (
        INSERT INTO stock_move (name, product_id, product_uom, product_uom_qty,
            product_qty, quantity, location_id, location_dest_id, state, date,
            company_id, procure_method, create_uid, create_date, write_uid,
            write_date)
        SELECT 'AvT receipt', product_id, %(kg)s, 10, 10, 10, %(supplier)s,
               location_id, 'done', day + time '10:00', %(company)s,
               'make_to_stock', %(uid)s, now(), %(uid)s, now()
          FROM src
        RETURNING id, product_id, location_dest_id, date
    )
    INSERT INTO stock_move_line (move_id, product_id, product_uom_id, quantity,
        quantity_product_uom, location_id, location_dest_id, state, date,
        company_id, create_uid, create_date, write_uid, write_date)
    SELECT id, product_id, %(kg)s, 10, 10, %(supplier)s, location_dest_id,
           'done', date, %(company)s, %(uid)s, now(), %(uid)s, now()
      FROM m
    """,
    {**args, "n": INGREDIENTS, "kg": kg.id},
)
moves = cr.rowcount
cr.execute(
    """
    INSERT INTO boh_waste (name, store_id, company_id, product_id,
        product_uom_id, quantity, reason, unit_cost, amount, state, date,
        create_uid, create_date, write_uid, write_date)
    SELECT 'AVT/W/' || s || '/' || g, s, %(company)s,
           (%(ingredients)s::int[])[1 + (s * 17 + g) %% %(n)s], %(kg)s, 0.5,
           'expired', 2.0, 1.0, 'done', %(opening)s::date + 1 + g, %(uid)s,
           now(), %(uid)s, now()
      FROM unnest(%(stores)s::int[]) s CROSS JOIN generate_series(1, 20) g
    """,
    {**args, "kg": kg.id, "n": INGREDIENTS},
)
cr.execute("ANALYZE")
env.invalidate_all()
cr.execute("SELECT id, store_id, date FROM bench_counts ORDER BY store_id, date")
pairs = {}
for count_id, store_id, _day in cr.fetchall():
    pairs.setdefault(store_id, []).append(count_id)
Period = env["boh.food.cost.period"]
periods = Period.create(
    [
        {"store_id": s, "opening_count_id": o, "closing_count_id": c}
        for s, (o, c) in pairs.items()
    ]
)
# the theoretical usage is up to date: its watermark is past the sales
watermark = env["ir.config_parameter"].get_param("boh_food_cost.theoretical_watermark")
env["ir.config_parameter"].set_param(
    "boh_food_cost.theoretical_watermark", "2024-01-01 01:00:00"
)
env.flush_all()
cr.execute("SELECT array_agg(id) FROM bench_counts")
count_ids = cr.fetchone()[0]
cr.commit()
with closing(sql_db.db_connect(cr.dbname).cursor()) as vacuum_cr:
    vacuum_cr._cnx.autocommit = True
    vacuum_cr.execute("VACUUM ANALYZE")
# the setup's gigabyte on disk before the clock starts, not during the timing
os.sync()
print(
    f"setup: {time.perf_counter() - t0:.1f} s: {len(periods)} periods,"
    f" {lines:,} count lines, {usage:,} theoretical usage rows, {sales:,}"
    f" sales rows, {moves:,} receipt move lines"
)
t0 = time.perf_counter()
if os.environ.get("PROFILE"):
    import cProfile
    import pstats

    profile = cProfile.Profile()
    profile.runcall(periods._compute_periods)
    env.flush_all()
    pstats.Stats(profile).sort_stats("cumulative").print_stats(35)
else:
    periods._compute_periods()
    env.flush_all()
elapsed = time.perf_counter() - t0
cr.execute(
    "SELECT count(*), count(*) FILTER (WHERE suspect) FROM boh_food_cost_line"
    " WHERE period_id = ANY(%s)",
    [periods.ids],
)
count, suspect = cr.fetchone()
print(
    f"compute {len(periods)} periods: {elapsed:.1f} s ({count:,} lines,"
    f" {suspect:,} suspect)"
)
t0 = time.perf_counter()
groups = Period._read_group(
    [("id", "in", periods.ids)],
    ["store_id"],
    ["food_cost_pct:avg", "variance_value:sum", "net_sales:sum"],
)
print(f"report read_group by store: {time.perf_counter() - t0:.2f} s, {len(groups)}")
print(f"peak memory of the Odoo process: {resource.getrusage(0).ru_maxrss // 1024} MB")
sample = periods[0]
print(
    f"sample: {sample.store_id.code} food cost {sample.food_cost_pct:.1f} %"
    f" (theoretical {sample.theoretical_food_cost_pct:.1f} %),"
    f" {len(sample.line_ids)} lines"
)
cr.rollback()

# clean up: the setup's rows go, its products are archived
t0 = time.perf_counter()
products = ingredients | dishes
for table, column, ids in (
    ("boh_food_cost_period", "id", periods.ids),
    ("boh_usage_theoretical", "product_id", ingredients.ids),
    ("boh_demand_daily", "product_id", dishes.ids),
    ("stock_move_line", "product_id", ingredients.ids),
    ("stock_move", "product_id", ingredients.ids),
    ("boh_waste", "product_id", ingredients.ids),
    ("boh_stock_count_line", "count_id", count_ids),
    ("boh_stock_count", "id", count_ids),
):
    cr.execute(f"DELETE FROM {table} WHERE {column} = ANY(%s)", [ids])  # noqa: S608
products.write({"active": False})
env["ir.config_parameter"].set_param(
    "boh_food_cost.theoretical_watermark", watermark or False
)
cr.commit()
print(f"clean-up: {time.perf_counter() - t0:.1f} s")
