"""Ranking of a period's lines and the rules that mark a line suspect.

A line is looked at only when its variance is material: at least
``boh_food_cost.variance_pct`` % of the theoretical usage (default 5) and
at least ``boh_food_cost.variance_min_value`` in value (default 5.0). The
first rule that matches gives the reason (the readme explains each rule):

1. recipe_error: most stores (>= 70 %, at least 3 stores) show a variance of
   the same sign and a similar size (half to twice this one) on the
   ingredient in overlapping periods: the recipe, not the stores, is wrong.
2. receiving_error: what was received on the purchase order lines of the
   period differs from what they ordered by more than
   ``boh_food_cost.receipt_pct`` % (default 5).
3. over_portioning: usage above theoretical in this period and in each of the
   ``boh_food_cost.over_portion_periods`` - 1 previous periods of the store
   (default 3 periods in all).
4. theft: an unexplained loss of at least ``boh_food_cost.theft_value``
   (default 200.0) on a high-value item (unit cost in the top fifth of the
   period's ingredients).
5. unrecorded_waste: usage above theoretical and no waste recorded for the
   ingredient in the period.
6. unexplained_loss: any other usage above theoretical.
7. count_error: usage below theoretical (a receipt not entered, a count
   error, or portions smaller than the recipe).
"""

import bisect
from collections import defaultdict
from datetime import timedelta

from odoo.tools import SQL

RECIPE_STORE_SHARE = 0.7
RECIPE_MIN_STORES = 3
HIGH_VALUE_QUANTILE = 0.8


def _params(env):
    get = env["ir.config_parameter"].sudo().get_param
    return {
        "pct": float(get("boh_food_cost.variance_pct", 5.0)),
        "min_value": float(get("boh_food_cost.variance_min_value", 5.0)),
        "receipt_pct": float(get("boh_food_cost.receipt_pct", 5.0)),
        "periods": max(int(get("boh_food_cost.over_portion_periods", 3)), 1),
        "theft_value": float(get("boh_food_cost.theft_value", 200.0)),
    }


def _other_lines(env, periods, products, params):
    """Lines of computed periods outside the batch that may be peers
    (overlapping periods of other stores) or history (earlier periods of the
    same stores): ``(store, product, date_from, date_to, variance_pct)``."""
    env["boh.food.cost.line"].flush_model()
    env["boh.food.cost.period"].flush_model()
    span = max((p.date_to - p.date_from).days for p in periods)
    env.cr.execute(
        SQL(
            """
            SELECT p.store_id, l.product_id, p.date_from, p.date_to,
                   l.variance_pct, l.theoretical_qty
              FROM boh_food_cost_line l
              JOIN boh_food_cost_period p ON p.id = l.period_id
             WHERE p.state = 'computed' AND NOT p.id = ANY(%(batch)s)
               AND p.company_id = ANY(%(companies)s)
               AND l.product_id = ANY(%(products)s)
               AND p.date_from < %(last)s AND p.date_to > %(first)s
            """,
            batch=periods.ids,
            companies=periods.company_id.ids,
            products=list(products),
            last=max(periods.mapped("date_to")),
            # far enough back for the history of over-portioning
            first=min(periods.mapped("date_from"))
            - timedelta(days=(params["periods"] + 1) * span + 7),
        )
    )
    return env.cr.fetchall()


# columns of the lines the rules read, as the keys of the line dicts
RULE_FIELDS = (
    "period_id",
    "product_id",
    "variance_pct",
    "variance_value",
    "theoretical_qty",
    "waste_qty",
    "po_ordered_qty",
    "po_received_qty",
    "unit_cost",
)


def reasons(env, periods):
    """``[(period id, product id, reason)]`` of the suspect lines of the
    periods, the lines being in the temporary table ``boh_fc_line`` (see
    services/avt.py).  Only the material lines (selected in SQL) become
    dicts: the others are never suspect, and only count as peers and
    history, read as four columns."""
    params = _params(env)
    env.cr.execute(
        "SELECT period_id, product_id, variance_pct, theoretical_qty FROM boh_fc_line"
    )
    rows = env.cr.fetchall()
    if not rows:
        return []
    info = {p.id: (p.store_id.id, p.date_from, p.date_to) for p in periods}
    entries = _other_lines(env, periods, {r[1] for r in rows}, params)
    entries.extend(
        (info[period_id][0], product_id, *info[period_id][1:], pct, theoretical)
        for period_id, product_id, pct, theoretical in rows
    )
    del rows
    material_sql = SQL(
        "abs(variance_value) >= %s AND abs(variance_pct) >= %s",
        params["min_value"],
        params["pct"],
    )
    env.cr.execute(
        SQL(
            "SELECT %s FROM boh_fc_line WHERE %s",
            SQL(", ").join(SQL.identifier(f) for f in RULE_FIELDS),
            material_sql,
        )
    )
    material = defaultdict(list)
    for row in env.cr.fetchall():
        material[row[0]].append(dict(zip(RULE_FIELDS, row, strict=True)))
    peers = _peer_index(entries, {(f, t) for _s, f, t in info.values()}, params)
    wanted = {
        (info[period_id][0], row["product_id"])
        for period_id, period_rows in material.items()
        for row in period_rows
    }
    history = defaultdict(list)
    for store, product, _f, date_to, pct, _theo in entries:
        if (store, product) in wanted:
            history[(store, product)].append((date_to, pct))
    for values in history.values():
        values.sort(reverse=True)
    high_costs = _high_costs(env)
    found = []
    for period_id, period_rows in material.items():
        store, date_from, date_to = info[period_id]
        for row in period_rows:
            reason = _reason(
                row, params, peers[(date_from, date_to)], history, store, date_from
            )
            if not reason and _is_theft(row, params, high_costs[period_id]):
                reason = "theft"
            reason = reason or _fallback_reason(row, params)
            if reason:
                found.append((period_id, row["product_id"], reason))
    return found


def _high_costs(env):
    """``{period id: unit cost}``: the cost from which an ingredient of the
    period is a high-value item, the cost at ``HIGH_VALUE_QUANTILE`` of its
    ingredients' costs sorted (index ``int(q * (n - 1))``)."""
    env.cr.execute(
        SQL(
            """
            SELECT period_id, unit_cost
              FROM (SELECT period_id, unit_cost,
                           row_number() OVER (PARTITION BY period_id
                                              ORDER BY unit_cost) - 1 AS i,
                           count(*) OVER (PARTITION BY period_id) AS n
                      FROM boh_fc_line) c
             WHERE i = floor(%s * (n - 1))
            """,
            HIGH_VALUE_QUANTILE,
        )
    )
    return dict(env.cr.fetchall())


def _peer_index(entries, ranges, params):
    """Per period range: ``{product: (positive pcts, negated negative pcts,
    stores)}`` of the lines of every store whose period overlaps it, the
    percentages sorted (one per store: its largest overlap)."""
    # the overlap is computed once per distinct period, not once per line
    by_dates = defaultdict(list)
    for store, product, f, t, pct, theo in entries:
        if theo:
            by_dates[(f, t)].append(((product, store), pct))
    index = {}
    for date_from, date_to in ranges:
        per_store = {}
        for (f, t), lines in by_dates.items():
            overlap = (min(t, date_to) - max(f, date_from)).days
            if overlap <= 0:
                continue
            for key, pct in lines:
                if key not in per_store or per_store[key][0] < overlap:
                    per_store[key] = (overlap, pct)
        products = defaultdict(lambda: ([], [], 0))
        for (product, _store), (_overlap, pct) in per_store.items():
            pos, neg, count = products[product]
            if pct >= params["pct"]:
                pos.append(pct)
            elif pct <= -params["pct"]:
                neg.append(-pct)
            products[product] = (pos, neg, count + 1)
        for pos, neg, _count in products.values():
            pos.sort()
            neg.sort()
        index[(date_from, date_to)] = dict(products)
    return index


def _is_material(variance_value, variance_pct, params):
    return (
        abs(variance_value) >= params["min_value"]
        and abs(variance_pct) >= params["pct"]
    )


def _material(row, params):
    return _is_material(row["variance_value"], row["variance_pct"], params)


def _reason(row, params, peers, history, store, date_from):
    if not _material(row, params):
        return False
    pct = row["variance_pct"]
    pos, neg, count = peers.get(row["product_id"], ([], [], 0))
    if count >= RECIPE_MIN_STORES and row["theoretical_qty"]:
        values, size = (pos, pct) if pct > 0 else (neg, -pct)
        similar = bisect.bisect_right(values, 2 * size) - bisect.bisect_left(
            values, max(size / 2, params["pct"])
        )
        if similar >= RECIPE_STORE_SHARE * count:
            return "recipe_error"
    ordered = row["po_ordered_qty"]
    if ordered and (
        100.0 * abs(row["po_received_qty"] - ordered) / ordered > params["receipt_pct"]
    ):
        return "receiving_error"
    if pct > 0:
        earlier = [
            p
            for date_to, p in history.get((store, row["product_id"]), [])
            if date_to <= date_from
        ][: params["periods"] - 1]
        if len(earlier) == params["periods"] - 1 and all(
            p >= params["pct"] for p in earlier
        ):
            return "over_portioning"
    return False


def _is_theft(row, params, high_cost):
    return (
        _material(row, params)
        and row["variance_value"] >= params["theft_value"]
        and row["unit_cost"] >= high_cost
        and row["unit_cost"] > 0
    )


def _fallback_reason(row, params):
    """Reasons 5 to 7, for material lines no earlier rule explained."""
    if not _material(row, params):
        return False
    if row["variance_pct"] < 0:
        return "count_error"
    if not row["waste_qty"]:
        return "unrecorded_waste"
    return "unexplained_loss"
