"""Benchmark: approve 200 store orders of 100 lines at once.

Run it in an Odoo shell on a database where boh_ordering is installed:

    ./boh shell --database boh_bench < bench/ordering_approve.py

(`./boh demo --stores 6 --database boh_bench` creates such a database.) It
builds 50 stores resupplied from one central warehouse, 100 products with a
supplier, and 200 submitted orders (per store: two from the warehouse and two
from the supplier, on two delivery dates), then times one ``action_approve``
on all of them, checks that purchase orders are grouped per supplier, store
and delivery date, and rolls everything back.

Before that it times "generate from guide" on an order of a store whose
guide has 500 products (server time and number of queries).

With ``BOH_BENCH_APPROVE=no`` it stops (and rolls back) after that.

With ``BOH_BENCH_APPROVE=jobs`` in the environment, the approval runs as
users get it: above 20 orders, approving enqueues one fulfilment job per
chunk of stores, and queue_job workers of a running Odoo server (started on
the same database with ``--workers 2`` and ``queue_job`` as a server-wide
module) run them. The script commits the orders and the approval, then polls
until every job is done and prints the wall time until all transfers and
purchase orders exist. That data stays in the database: use a throwaway one.
"""

import os
import time

STORES, PRODUCTS, DATES = 50, 100, ("2031-05-06", "2031-05-08")
JOBS = os.environ.get("BOH_BENCH_APPROVE") == "jobs"
# Jobs mode commits: names and codes (warehouse codes have 5 characters) of
# each run differ.
TAG = (
    "".join(
        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"[int(time.time()) // 36**k % 36]
        for k in range(3)
    )
    if JOBS
    else ""
)

env = env  # noqa: F821,PLW0127 - provided by the Odoo shell
t0 = time.perf_counter()
cw = env["boh.store"].create(
    {
        "name": f"Bench CW {TAG}",
        "code": f"C{TAG}" if JOBS else "BCW",
        "store_type": "warehouse",
    }
)
supplier = env["res.partner"].create({"name": "Bench Supplier"})
products = env["product.product"].create(
    [
        {
            "name": f"Bench product {i}",
            "default_code": f"BENCH{i:03d}",
            "is_storable": True,
            "standard_price": 1.0 + i % 7,
            "seller_ids": [
                (0, 0, {"partner_id": supplier.id, "price": 2.0, "min_qty": 1})
            ],
        }
        for i in range(PRODUCTS)
    ]
)
stores = env["boh.store"].create(
    [
        {
            "name": f"Bench store {TAG} {i}",
            "code": f"{TAG}{i:02d}" if JOBS else f"BS{i:03d}",
        }
        for i in range(STORES)
    ]
)
stores.warehouse_id.write({"resupply_wh_ids": [(6, 0, cw.warehouse_id.ids)]})
t1 = time.perf_counter()


def generate_500_lines():
    """Time "generate from guide" on a 500-line guide, then remove it."""
    big_products = env["product.product"].create(
        [{"name": f"Bench guide product {i}", "is_storable": True} for i in range(500)]
    )
    env["boh.order.guide"].create(
        {
            "name": "Bench 500-line guide",
            "store_ids": [(6, 0, stores[0].ids)],
            "line_ids": [
                (
                    0,
                    0,
                    {
                        "sequence": i,
                        "product_id": p.id,
                        "source_type": "central_warehouse",
                        "source_store_id": cw.id,
                        "qty_par": 10,
                        "pack_qty": 4,
                    },
                )
                for i, p in enumerate(big_products)
            ],
        }
    )
    big_order = env["boh.store.order"].create(
        {
            "store_id": stores[0].id,
            "source_type": "central_warehouse",
            "source_store_id": cw.id,
            "delivery_date": "2031-05-04",
        }
    )
    env.flush_all()
    env.invalidate_all()
    queries = env.cr.sql_log_count
    g0, gc0 = time.perf_counter(), time.process_time()
    big_order.action_generate_from_guide()
    env.flush_all()
    g1, gc1 = time.perf_counter(), time.process_time()
    assert len(big_order.line_ids) == 500
    print(
        f"generate a 500-line order from a guide: {g1 - g0:.2f} s"
        f" (CPU time {gc1 - gc0:.2f} s), {env.cr.sql_log_count - queries} queries"
    )
    big_order.unlink()
    env["boh.order.guide"].search([("name", "=", "Bench 500-line guide")]).unlink()


if not JOBS:
    generate_500_lines()
if os.environ.get("BOH_BENCH_APPROVE") == "no":
    env.cr.rollback()
    raise SystemExit(0)

vals_list = []
for store in stores:
    for day in DATES:
        lines = [
            (0, 0, {"product_id": p.id, "qty_ordered": 1 + i % 5, "price_unit": 2.0})
            for i, p in enumerate(products)
        ]
        vals_list.append(
            {
                "store_id": store.id,
                "source_type": "central_warehouse",
                "source_store_id": cw.id,
                "delivery_date": day,
                "state": "submitted",
                "line_ids": lines,
            }
        )
        vals_list.append(
            {
                "store_id": store.id,
                "source_type": "supplier",
                "partner_id": supplier.id,
                "delivery_date": day,
                "state": "submitted",
                "line_ids": lines,
            }
        )
orders = env["boh.store.order"].create(vals_list)
env.flush_all()
if JOBS:
    env.cr.commit()  # pylint: disable=invalid-commit - the workers must see it
t2, c2 = time.perf_counter(), time.process_time()
started = env.cr.now()
orders.action_approve()
env.flush_all()
t3, c3 = time.perf_counter(), time.process_time()
print(f"setup: {STORES} stores, {PRODUCTS} products: {t1 - t0:.1f} s")
print(f"create {len(orders)} orders x {PRODUCTS} lines: {t2 - t1:.1f} s")
print(
    f"approve {len(orders)} orders at once: {t3 - t2:.1f} s"
    f" (CPU time of the Odoo process: {c3 - c2:.1f} s)"
)
if JOBS:
    print(f"states right after approving: {sorted(set(orders.mapped('state')))}")
    env.cr.commit()  # pylint: disable=invalid-commit - the workers run the jobs
    job_domain = [
        ("model_name", "=", "boh.store.order"),
        ("method_name", "=", "_job_fulfil"),
        ("date_created", ">=", started),
    ]
    while True:
        time.sleep(1)
        env.cr.rollback()  # a new snapshot of what the workers committed
        env.invalidate_all()
        jobs = env["queue.job"].search(job_domain)
        if set(jobs.mapped("state")) <= {"done", "failed"}:
            break
        if time.perf_counter() - t2 > 3600:
            print("giving up after one hour")
            break
    t4 = time.perf_counter()
    states = jobs.mapped("state")
    print(
        f"{len(jobs)} jobs: { ({s: states.count(s) for s in set(states)}) };"
        f" run time of the jobs: {sum(jobs.mapped('exec_time')):.1f} s in all,"
        f" longest {max(jobs.mapped('exec_time') or [0]):.1f} s"
    )
    print(
        f"approve {len(orders)} orders until all transfers and purchase orders"
        f" exist (2 queue_job workers): {t4 - t2:.1f} s"
    )
pos = orders.filtered(lambda o: o.source_type == "supplier").purchase_ids
pickings = orders.picking_ids
expected = STORES * len(DATES)
print(f"purchase orders: {len(pos)} (expected {expected}), transfers: {len(pickings)}")
assert len(pos) == expected, "POs are not grouped per store and date"
assert set(orders.mapped("state")) == {"fulfilling"}
env.cr.rollback()
