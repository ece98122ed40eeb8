"""Bulk procurement of store orders.

Approving many store orders runs one ``procurement.group.run`` with every
line. Odoo then looks up the stock rule of each procurement with one query,
(with mrp) checks each new move for a kit bill of materials with another,
gathers the quants of the source location once per move to reserve it, and
looks for moves to merge each new move into. In a bulk run the rule only
depends on a few keys (routes of the product, location, warehouse, company)
and the quants of a product in a location do not change while moves are
confirmed, so they are computed once per key; kits are looked up once for
all the moves (boh_ordering_mrp); the new moves of store order lines never
merge (each line is procured once, and the line is a distinct field of the
merge); the analytic distribution models of a new purchase line are searched
once per product, supplier and company instead of once per line.
"""

import contextlib
import itertools

BULK_KEY = "boh_bulk_procurement"
_CACHES = {}
_TOKENS = itertools.count(1)


@contextlib.contextmanager
def bulk_procurement(env):
    """An environment whose procurements share a rule cache, for the block."""
    token = next(_TOKENS)
    _CACHES[token] = {"rule": {}, "quant": {}, "analytic": {}}
    try:
        yield env(context=dict(env.context, **{BULK_KEY: token}))
    finally:
        _CACHES.pop(token, None)


def _cache(env, name):
    caches = _CACHES.get(env.context.get(BULK_KEY))
    return None if caches is None else caches[name]
