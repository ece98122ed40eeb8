"""Incremental ingestion of 1,000,000 POS order lines; a re-run adds nothing.

Run inside an Odoo shell on a database with boh_forecast_pos installed and a
demo chain loaded (everything is rolled back at the end)::

    python3 -m odoo shell -c <odoo.conf> -d <db> --no-http \
        < bench/forecast_ingest_pos.py

A register (pos.config) and a session are created for each store of the
chain, then ``LINES`` paid POS order lines (``LINES_PER_ORDER`` lines an
order, products and stores spread evenly, one business day) are inserted with
SQL, as a busy day of the chain would leave them.  The timed part is the
ingestion itself, ``boh.demand.daily._ingest_pos_orders()``: one aggregation
query over the touched store-days and one bulk upsert.  It then runs again
(nothing new since the watermark), again over the whole history (every
store-day recomputed: 0 rows may change), and after 1,000 more lines of the
same day (only the day totals that moved change).  Sizes can be changed with
the environment variables ``LINES`` and ``LINES_PER_ORDER``.
"""

import os
import time
from datetime import datetime

LINES = int(os.environ.get("LINES", 1_000_000))
LINES_PER_ORDER = int(os.environ.get("LINES_PER_ORDER", 5))
DAY = "2030-01-02"

env = env  # noqa: F821,PLW0127 - provided by odoo shell
cr = env.cr
Demand = env["boh.demand.daily"]
stores = env["boh.store"].search([("store_type", "=", "store")], order="id")
products = env["product.product"].search([("type", "=", "consu")], order="id")
t0 = time.perf_counter()
sessions = env["pos.session"]
for store in stores:  # a register and a session per store, one by one
    config = env["pos.config"].create(
        {
            "name": f"Bench register {store.code}",
            "picking_type_id": store.pos_type_id.id,
        }
    )
    sessions |= sessions.create({"config_id": config.id, "user_id": env.uid})
env.flush_all()
orders = LINES // LINES_PER_ORDER


def insert_lines(count_orders, prefix):
    cr.execute(
        """
        WITH o AS (
            INSERT INTO pos_order (name, session_id, company_id, date_order, state,
                amount_tax, amount_total, amount_paid, amount_return, create_uid,
                create_date, write_uid, write_date)
            SELECT %(prefix)s || g, (%(sessions)s::int[])[1 + g %% %(n)s], %(company)s,
                   %(day)s::timestamp + interval '2 hours'
                       + (g %% 600) * interval '1 minute',
                   'paid', 0, 0, 0, 0, 1, now() at time zone 'UTC', 1,
                   now() at time zone 'UTC'
              FROM generate_series(1, %(orders)s) g
            RETURNING id
        )
        INSERT INTO pos_order_line (name, order_id, product_id, qty, price_unit,
            price_subtotal, price_subtotal_incl, full_product_name, company_id,
            create_uid, create_date, write_uid, write_date)
        SELECT 'L' || j, o.id,
               (%(products)s::int[])[1 + (o.id * 7 + j * 13) %% %(p)s],
               1 + (o.id + j) %% 3, 1, 1, 1, 'bench', %(company)s,
               1, now() at time zone 'UTC', 1, now() at time zone 'UTC'
          FROM o, generate_series(1, %(per)s) j
        """,
        {
            "prefix": prefix,
            "sessions": sessions.ids,
            "n": len(sessions),
            "company": env.company.id,
            "day": DAY,
            "orders": count_orders,
            "products": products.ids,
            "p": len(products),
            "per": LINES_PER_ORDER,
        },
    )
    return cr.rowcount


inserted = insert_lines(orders, "BENCH/")
print(
    f"setup {time.perf_counter() - t0:.1f} s: {len(stores)} stores,"
    f" {len(products)} products, {orders:,} paid orders, {inserted:,} POS lines"
    f" on {DAY}"
)
Demand.invalidate_model()
for label, kwargs in (
    ("first ingestion", {}),
    ("re-run (nothing new)", {}),
    ("full re-run from 2000-01-01", {"since": datetime(2000, 1, 1)}),
):
    t0 = time.perf_counter()
    changed = Demand._ingest_pos_orders(**kwargs)
    print(f"{label}: {time.perf_counter() - t0:.1f} s, {changed:,} rows changed")
cr.execute(
    "SELECT count(*), sum(qty) FROM boh_demand_daily WHERE source = 'pos'"
    " AND date = %s",
    (DAY,),
)
rows, units = cr.fetchone()
cr.execute(
    "SELECT sum(qty) FROM pos_order_line l JOIN pos_order o ON o.id = l.order_id"
    " WHERE o.name LIKE 'BENCH/%%'"
)
pos_units = cr.fetchone()[0]
print(f"demand rows of the day: {rows:,}, units {units:,.0f} (POS: {pos_units:,.0f})")
inserted = insert_lines(1000 // LINES_PER_ORDER, "BENCH2/")
t0 = time.perf_counter()
changed = Demand._ingest_pos_orders()
print(
    f"{inserted} more lines of the same day: {time.perf_counter() - t0:.1f} s,"
    f" {changed:,} rows changed"
)
cr.rollback()
