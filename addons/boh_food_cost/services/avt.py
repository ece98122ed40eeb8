"""Actual versus theoretical usage of store periods, set-based.

Every figure of every ingredient of every period given is read in one query
per source (counts, stock moves, waste, theoretical usage, sales), for all the
periods at once: no query per line or per period.

A period runs from the opening count to the closing count of a store. A count
is taken at the close of its day, so the period's movements are those of the
days after the opening count's day up to the closing count's day included:
``date_from < day <= date_to`` (days in the store's time zone).
"""

from collections import defaultdict

from odoo.tools import SQL

from ..models.boh_usage_theoretical import SALES_SOURCES

# Categories of a done stock move line entering or leaving a store.
RECEIPT = "receipt"
TRANSFER_IN = "transfer_in"
TRANSFER_OUT = "transfer_out"


def periods_table(env, periods):
    """The periods in the temporary table ``boh_fc_period``."""
    cr = env.cr
    cr.execute(
        "CREATE TEMP TABLE IF NOT EXISTS boh_fc_period (period_id int,"
        " store_id int, warehouse_id int, date_from date, date_to date,"
        " opening_id int, closing_id int, company_id int) ON COMMIT DROP"
    )
    cr.execute("TRUNCATE boh_fc_period")
    cr.execute(
        SQL(
            """
            INSERT INTO boh_fc_period
            SELECT p.id, p.store_id, s.warehouse_id, p.date_from, p.date_to,
                   p.opening_count_id, p.closing_count_id, p.company_id
              FROM boh_food_cost_period p
              JOIN boh_store s ON s.id = p.store_id
             WHERE p.id = ANY(%s)
            """,
            periods.ids,
        )
    )
    cr.execute("ANALYZE boh_fc_period")


def _moves_sql(env, product_id=None):
    """Done move lines in or out of the periods' stores, classified.

    Columns: period_id, product_id, category, qty (product unit, signed:
    a return to a supplier is a negative receipt), move_id, purchase_line_id.
    A move from or to a transit location is attributed to the warehouse of
    the move chained to it (inter-warehouse resupply). The other side is a
    transfer when it is a store, a receipt when it is a supplier or a central
    site (warehouse, kitchen); returns to central sites are transfers out.
    Inventory adjustments (the counts), scrap (waste), sales and production
    are left out: the counts measure them.
    """
    env["stock.move"].flush_model()
    env["stock.move.line"].flush_model()
    has_po = "purchase_line_id" in env["stock.move"]._fields
    product_filter = SQL("AND ml.product_id = %s", product_id) if product_id else SQL()
    day = SQL("(ml.date AT TIME ZONE 'UTC' AT TIME ZONE COALESCE(s.tz, 'UTC'))::date")
    branches = []
    for inbound in (True, False):
        here, there = ("dst", "src") if inbound else ("src", "dst")
        branches.append(
            SQL(
                """
            SELECT per.period_id, ml.product_id, ml.move_id,
                   %(po)s AS purchase_line_id, ml.quantity_product_uom AS qty,
                   %(inbound)s AS inbound, src.usage AS src_usage,
                   dst.usage AS dst_usage, os.store_type AS other_type
              FROM boh_fc_period per
              JOIN boh_store s ON s.id = per.store_id
              JOIN stock_location %(here)s
                ON %(here)s.warehouse_id = per.warehouse_id
               AND %(here)s.usage = 'internal'
              JOIN stock_move_line ml ON ml.%(here_col)s = %(here)s.id
              JOIN stock_location %(there)s ON %(there)s.id = ml.%(there_col)s
              JOIN stock_move m ON m.id = ml.move_id
              LEFT JOIN boh_store os ON os.warehouse_id = COALESCE(
                   %(there)s.warehouse_id, (
                       SELECT l2.warehouse_id
                         FROM stock_move_move_rel r
                         JOIN stock_move m2 ON m2.id = r.%(chain_other)s
                         JOIN stock_location l2 ON l2.id = m2.%(there_col)s
                        WHERE r.%(chain_self)s = m.id
                        LIMIT 1))
             WHERE ml.state = 'done'
               AND %(day)s > per.date_from AND %(day)s <= per.date_to
               AND ml.date >= per.date_from - 1 AND ml.date < per.date_to + 2
               AND %(there)s.usage IN ('supplier', 'internal', 'transit')
               AND (%(there)s.warehouse_id IS DISTINCT FROM per.warehouse_id
                    OR %(there)s.usage != 'internal')
               %(product_filter)s
                """,
                po=SQL("m.purchase_line_id") if has_po else SQL("NULL::int"),
                inbound=inbound,
                here=SQL.identifier(here),
                there=SQL.identifier(there),
                here_col=SQL.identifier(
                    "location_dest_id" if inbound else "location_id"
                ),
                there_col=SQL.identifier(
                    "location_id" if inbound else "location_dest_id"
                ),
                chain_self=SQL.identifier(
                    "move_dest_id" if inbound else "move_orig_id"
                ),
                chain_other=SQL.identifier(
                    "move_orig_id" if inbound else "move_dest_id"
                ),
                day=day,
                product_filter=product_filter,
            )
        )
    return SQL(
        """
        SELECT period_id, product_id, move_id, purchase_line_id,
               CASE WHEN src_usage = 'supplier' OR dst_usage = 'supplier'
                    THEN 'receipt'
                    WHEN inbound AND other_type = 'store' THEN 'transfer_in'
                    WHEN inbound THEN 'receipt'
                    ELSE 'transfer_out' END AS category,
               CASE WHEN NOT inbound AND dst_usage = 'supplier' THEN -qty
                    ELSE qty END AS qty
          FROM (%s UNION ALL %s) x
        """,
        *branches,
    )


def move_ids(env, period, product, categories):
    """Ids of the stock moves of ``period`` for ``product`` in the given
    categories (drill-down)."""
    periods_table(env, period)
    env.cr.execute(
        SQL(
            "SELECT DISTINCT move_id FROM (%s) mv WHERE category = ANY(%s)",
            _moves_sql(env, product.id),
            list(categories),
        )
    )
    return [r[0] for r in env.cr.fetchall()]


def gather(env, periods):
    """``{period id: {product id: figures}}`` of the periods, and per period
    its net sales and its waste by reason.

    Figures (product unit): opening, receipt, transfer_in, transfer_out,
    closing, waste, theoretical, po_ordered / po_received (receipts on
    purchase order lines of the period and what those lines ordered).
    """
    cr = env.cr
    for model in ("boh.stock.count.line", "boh.waste", "boh.usage.theoretical"):
        env[model].flush_model()
    env["boh.demand.daily"].flush_model()
    periods_table(env, periods)
    data = defaultdict(lambda: defaultdict(lambda: defaultdict(float)))

    # counts: quantity counted, in the product's unit
    cr.execute(
        """
        SELECT per.period_id, cl.product_id,
               CASE WHEN cl.count_id = per.opening_id THEN 'opening'
                    ELSE 'closing' END,
               SUM(cl.qty_counted / lu.factor * pu.factor)
          FROM boh_fc_period per
          JOIN boh_stock_count_line cl
            ON cl.count_id IN (per.opening_id, per.closing_id)
          JOIN product_product pp ON pp.id = cl.product_id
          JOIN product_template pt ON pt.id = pp.product_tmpl_id
          JOIN uom_uom pu ON pu.id = pt.uom_id
          JOIN uom_uom lu ON lu.id = COALESCE(cl.product_uom_id, pt.uom_id)
         GROUP BY 1, 2, 3
        """
    )
    for period_id, product_id, kind, qty in cr.fetchall():
        data[period_id][product_id][kind] += qty

    # receipts and transfers
    cr.execute(
        SQL(
            """
            SELECT period_id, product_id, category, SUM(qty) FROM (%s) mv
             GROUP BY 1, 2, 3
            """,
            _moves_sql(env),
        )
    )
    for period_id, product_id, category, qty in cr.fetchall():
        data[period_id][product_id][category] += qty
    _purchase_figures(env, data)

    # posted waste of the period, by reason
    cr.execute(
        """
        SELECT per.period_id, w.product_id, w.reason,
               SUM(w.quantity / lu.factor * pu.factor), SUM(w.amount)
          FROM boh_fc_period per
          JOIN boh_waste w ON w.store_id = per.store_id AND w.state = 'done'
                          AND w.date > per.date_from AND w.date <= per.date_to
          JOIN product_product pp ON pp.id = w.product_id
          JOIN product_template pt ON pt.id = pp.product_tmpl_id
          JOIN uom_uom pu ON pu.id = pt.uom_id
          JOIN uom_uom lu ON lu.id = COALESCE(w.product_uom_id, pt.uom_id)
         GROUP BY 1, 2, 3
        """
    )
    waste = defaultdict(list)
    for period_id, product_id, reason, qty, amount in cr.fetchall():
        data[period_id][product_id]["waste"] += qty
        waste[period_id].append((product_id, reason, qty, amount or 0.0))

    # theoretical usage
    cr.execute(
        """
        SELECT per.period_id, u.product_id, SUM(u.qty)
          FROM boh_fc_period per
          JOIN boh_usage_theoretical u ON u.store_id = per.store_id
                                      AND u.date > per.date_from
                                      AND u.date <= per.date_to
         GROUP BY 1, 2
        """
    )
    for period_id, product_id, qty in cr.fetchall():
        data[period_id][product_id]["theoretical"] += qty

    # net sales
    cr.execute(
        SQL(
            """
            SELECT per.period_id, COALESCE(SUM(d.amount), 0)
              FROM boh_fc_period per
              JOIN boh_demand_daily d ON d.store_id = per.store_id
                                     AND d.date > per.date_from
                                     AND d.date <= per.date_to
             WHERE d.source = ANY(%s)
             GROUP BY 1
            """,
            list(SALES_SOURCES),
        )
    )
    sales = dict(cr.fetchall())
    return data, sales, waste


def _purchase_figures(env, data):
    """What the purchase order lines received in each period ordered."""
    if "purchase_line_id" not in env["stock.move"]._fields:
        return
    env["purchase.order.line"].flush_model(["product_uom_qty"])
    env.cr.execute(
        SQL(
            """
            WITH mv AS (%s)
            SELECT r.period_id, r.product_id, SUM(r.received),
                   SUM(pol.product_uom_qty)
              FROM (SELECT period_id, product_id, purchase_line_id,
                           SUM(qty) AS received
                      FROM mv
                     WHERE purchase_line_id IS NOT NULL AND category = 'receipt'
                     GROUP BY 1, 2, 3) r
              JOIN purchase_order_line pol ON pol.id = r.purchase_line_id
             GROUP BY 1, 2
            """,
            _moves_sql(env),
        )
    )
    for period_id, product_id, received, ordered in env.cr.fetchall():
        data[period_id][product_id]["po_received"] += received
        data[period_id][product_id]["po_ordered"] += ordered or 0.0
