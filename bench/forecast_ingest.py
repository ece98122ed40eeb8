"""Ingestion speed of 1,000,000 daily sales lines, and that a re-run adds nothing.

Run inside an Odoo shell on a database with boh_forecast and a demo chain
(``./boh run`` or ``./boh demo``); everything is rolled back at the end::

    python3 -m odoo shell -c <odoo.conf> -d boh < bench/forecast_ingest.py

It writes ``LINES`` rows (stores x products x days of the chain) through the
same bulk upsert as the POS, stock, import and API sources, twice, and prints
the time of each pass and the rows changed by the second (must be 0).
"""

import time
from datetime import date, timedelta

import numpy as np

LINES = 1_000_000
CHUNK = 200_000

Demand = env["boh.demand.daily"]  # noqa: F821 - provided by odoo shell
stores = env["boh.store"].search([("store_type", "=", "store")])  # noqa: F821
products = env["product.product"].search([("type", "=", "consu")])  # noqa: F821
days = max(LINES // max(len(stores) * len(products), 1), 1)
rng = np.random.default_rng(0)
grid = np.array(
    np.meshgrid(stores.ids, products.ids, np.arange(days), indexing="ij")
).reshape(3, -1)[:, :LINES]
start = date(2030, 1, 1)
dates = [str(start + timedelta(days=int(d))) for d in grid[2]]
qtys = rng.poisson(4.0, size=grid.shape[1]).astype(float)
print(
    f"{grid.shape[1]} lines: {len(stores)} stores x {len(products)} products x"
    f" {days} days"
)
for attempt in ("first", "re-run"):
    t0 = time.perf_counter()
    changed = 0
    for lo in range(0, grid.shape[1], CHUNK):
        hi = lo + CHUNK
        changed += Demand._upsert(
            "api", grid[0, lo:hi], grid[1, lo:hi], dates[lo:hi], qtys[lo:hi]
        )
    print(f"{attempt}: {time.perf_counter() - t0:.1f} s, {changed} rows changed")
env.cr.rollback()  # noqa: F821
