"""Benchmark: approve 200 store orders of 100 lines at once.

Run it in an Odoo shell on a database where boh_ordering is installed:

    ./boh shell --database boh_bench < bench/ordering_approve.py

(`./boh demo --stores 6 --database boh_bench` creates such a database.) It
builds 50 stores resupplied from one central warehouse, 100 products with a
supplier, and 200 submitted orders (per store: two from the warehouse and two
from the supplier, on two delivery dates), then times one ``action_approve``
on all of them, checks that purchase orders are grouped per supplier, store
and delivery date, and rolls everything back.
"""

import time

STORES, PRODUCTS, DATES = 50, 100, ("2031-05-06", "2031-05-08")

env = env  # noqa: F821,PLW0127 - provided by the Odoo shell
t0 = time.perf_counter()
cw = env["boh.store"].create(
    {"name": "Bench CW", "code": "BCW", "store_type": "warehouse"}
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
    [{"name": f"Bench store {i}", "code": f"BS{i:03d}"} for i in range(STORES)]
)
stores.warehouse_id.write({"resupply_wh_ids": [(6, 0, cw.warehouse_id.ids)]})
t1 = time.perf_counter()
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
t2 = time.perf_counter()
orders.action_approve()
env.flush_all()
t3 = time.perf_counter()
pos = orders.filtered(lambda o: o.source_type == "supplier").purchase_ids
pickings = orders.picking_ids
print(f"setup: {STORES} stores, {PRODUCTS} products: {t1 - t0:.1f} s")
print(f"create {len(orders)} orders x {PRODUCTS} lines: {t2 - t1:.1f} s")
print(f"approve {len(orders)} orders at once: {t3 - t2:.1f} s")
expected = STORES * len(DATES)
print(f"purchase orders: {len(pos)} (expected {expected}), transfers: {len(pickings)}")
assert len(pos) == expected, "POs are not grouped per store and date"
assert set(orders.mapped("state")) == {"fulfilling"}
env.cr.rollback()
