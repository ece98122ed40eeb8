"""Filling the suggestions of a store order of several hundred lines, inside Odoo.

Run inside an Odoo shell on a database with boh_forecast_ordering (the
suggestions from the forecasts), a demo chain and a finished forecast run
(see ``bench/forecast_run.py``); everything is rolled back at the end::

    python3 -m odoo shell -c <odoo.conf> -d <db> --no-http \\
        < bench/forecast_suggest_odoo.py

A draft central warehouse order of the first forecast store is generated from
its order guide (one line per guide item of that source; with
``ALL_SOURCES=1`` every item of the guide is moved to the central warehouse
first, for an order of as many lines as the guide has products), then
``_refresh_suggestions`` fills them again as *Generate from Guide* does:
stock on hand and on order (two grouped reads), current forecasts and product
classes (one query each), the engine's policy for all lines at once and the
grouped writes of quantities and explanations.  The store's current forecasts
are moved to start today first (the demo chain's history may end on another
day).  Prints the median of ``REPEAT`` fills, and of ``REPEAT`` calls of the
forecast hook alone (``_get_suggestions``: forecasts, classes, engine policy,
explanations; no stock read, no write).
"""

import os
import statistics
import time
from datetime import timedelta

from odoo import fields

REPEAT = int(os.environ.get("REPEAT", 5))

env = env  # noqa: F821,PLW0127 - provided by odoo shell
cr = env.cr
today = fields.Date.context_today(env["boh.forecast"])
cr.execute(
    "SELECT store_id, min(date) FROM boh_forecast WHERE is_current"
    " GROUP BY store_id ORDER BY store_id LIMIT 1"
)
store_id, first_day = cr.fetchone()
store = env["boh.store"].browse(store_id)
cr.execute(
    "UPDATE boh_forecast SET date = date - %s WHERE store_id = %s AND is_current",
    ((first_day - today).days, store_id),
)
central = env["boh.store"].search([("store_type", "=", "warehouse")], limit=1)
if os.environ.get("ALL_SOURCES"):
    # Every product of the store's guide from the central warehouse (rolled
    # back at the end): an order of as many lines as the guide has products.
    env["boh.order.guide"]._get_store_guide(store).line_ids.write(
        {
            "source_type": "central_warehouse",
            "source_store_id": central.id,
            "partner_id": False,
        }
    )
# The first delivery day from the day after tomorrow without an open order of
# that store and source (the demo chain has orders of its own).
taken = set(
    env["boh.store.order"]
    .search(
        [
            ("store_id", "=", store.id),
            ("source_store_id", "=", central.id),
            ("state", "not in", ("closed", "cancel")),
        ]
    )
    .mapped("delivery_date")
)
delivery = today + timedelta(days=2)
while delivery in taken:
    delivery += timedelta(days=1)
order = env["boh.store.order"].create(
    {
        "store_id": store.id,
        "source_type": "central_warehouse",
        "source_store_id": central.id,
        "delivery_date": delivery,
    }
)
order.action_generate_from_guide()
lines = order.line_ids
env.flush_all()
times = []
for _k in range(REPEAT):
    lines.write({"qty_suggested": 0.0, "qty_ordered": 0.0})
    env.flush_all()
    env.invalidate_all()
    # browse again: the lines of an emptied cache would prefetch one at a time
    lines = lines.browse(lines.ids)
    t0 = time.perf_counter()
    lines._refresh_suggestions(set_ordered=lines)
    env.flush_all()
    times.append(time.perf_counter() - t0)
hook = []
for _k in range(REPEAT):
    env.invalidate_all()
    lines = lines.browse(lines.ids)
    t0 = time.perf_counter()
    lines._get_suggestions()
    hook.append(time.perf_counter() - t0)
methods = [ln.suggestion_explanation.get("method") for ln in lines]
print(
    f"{len(lines)} lines of {store.code}: {statistics.median(times):.2f} s"
    f" (median of {REPEAT}; min {min(times):.2f} s, max {max(times):.2f} s),"
    f" {methods.count('forecast')} suggested from the forecast,"
    f" {sum(1 for ln in lines if ln.qty_suggested > 0)} to order; the forecast"
    f" hook _get_suggestions alone: {statistics.median(hook):.2f} s"
)
cr.rollback()
