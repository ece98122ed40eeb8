"""Actual versus theoretical usage of store periods, set-based.

Every figure of every ingredient of every period given is read in one query
per source (counts, stock moves, waste, theoretical usage, sales), for all the
periods at once: no query per line or per period.

A period runs from the opening count to the closing count of a store. A count
is taken at the close of its day, so the period's movements are those of the
days after the opening count's day up to the closing count's day included:
``date_from < day <= date_to`` (days in the store's time zone).

The statements stay in one module (about 500 lines): they share the
temporary tables they create, in the order ``figures_table``,
``lines_table``, ``insert_waste``, ``sales_table``.
"""

from contextlib import contextmanager

from odoo.tools import SQL

from ..models.boh_usage_theoretical import SALES_SOURCES

# Memory for the sorts and hashes of one computation (kB): the theoretical
# usage of 200 stores x 1,000 ingredients x 28 days is 5.6 million rows to
# group by period and ingredient, which PostgreSQL's default of 4 MB spills
# to disk.
WORK_MEM_KB = 256 * 1024

# Categories of a done stock move line entering or leaving a store.
RECEIPT = "receipt"
TRANSFER_IN = "transfer_in"
TRANSFER_OUT = "transfer_out"


@contextmanager
def work_mem(cr):
    """Raise ``work_mem`` to ``WORK_MEM_KB`` for the statements of the block
    (in this transaction only), then put the previous value back (an error
    leaves it to the rollback, which ends the setting)."""
    cr.execute("SELECT setting::int FROM pg_settings WHERE name = 'work_mem'")
    previous = cr.fetchone()[0]
    if previous >= WORK_MEM_KB:
        yield
        return
    cr.execute("SELECT set_config('work_mem', %s, true)", [f"{WORK_MEM_KB}kB"])
    yield
    cr.execute("SELECT set_config('work_mem', %s, true)", [f"{previous}kB"])


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


def _periods_values(env):
    """The periods of ``boh_fc_period`` as a ``VALUES`` list (period_id,
    store_id, date_from, date_to): unlike a temporary table, which only the
    session that made it can read, PostgreSQL's parallel workers can scan
    it, so the statements over the largest tables (theoretical usage, daily
    sales) run on every core."""
    env.cr.execute(
        "SELECT period_id, store_id, date_from, date_to FROM boh_fc_period"
        " ORDER BY period_id"
    )
    rows = env.cr.fetchall()
    if not rows:
        return SQL(
            "(SELECT NULL::int AS period_id, NULL::int AS store_id,"
            " NULL::date AS date_from, NULL::date AS date_to WHERE false) AS per"
        )
    return SQL(
        "(VALUES %s) AS per(period_id, store_id, date_from, date_to)",
        SQL(", ").join(SQL("(%s, %s, %s::date, %s::date)", *row) for row in rows),
    )


def theoretical_table(env):
    """The theoretical usage of each ingredient in the periods of
    ``boh_fc_period``, in the temporary table ``boh_fc_theoretical``
    (period_id, product_id, qty): one parallel pass over the daily
    rows (200 stores x 1,000 ingredients x 28 days are 5.6 million)."""
    env["boh.usage.theoretical"].flush_model()
    env.cr.execute("DROP TABLE IF EXISTS boh_fc_theoretical")
    env.cr.execute(
        SQL(
            """
            CREATE TEMP TABLE boh_fc_theoretical ON COMMIT DROP AS
            SELECT per.period_id, u.product_id, SUM(u.qty) AS qty
              FROM %s
              JOIN boh_usage_theoretical u ON u.store_id = per.store_id
                                          AND u.date > per.date_from
                                          AND u.date <= per.date_to
             GROUP BY 1, 2
            """,
            _periods_values(env),
        )
    )


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


# The figures of a line (product unit): counted at the opening and closing
# counts, received, transferred, recorded as waste, theoretical usage, and
# what the purchase order lines received in the period ordered and received.
FIGURES = (
    "opening",
    "receipt",
    "transfer_in",
    "transfer_out",
    "closing",
    "waste",
    "theoretical",
    "po_ordered",
    "po_received",
    # 1 when the closing count has the ingredient: its usage is measured
    "counted",
)


def figures_table(env, periods):
    """Every figure of every ingredient of the periods in the temporary table
    ``boh_fc_figure`` (period_id, product_id, one ``float8`` column per name
    of ``FIGURES``), from one statement that reads each source once for all
    the periods; the periods are in ``boh_fc_period``."""
    cr = env.cr
    for model in ("boh.stock.count.line", "boh.waste"):
        env[model].flush_model()
    periods_table(env, periods)
    theoretical_table(env)
    cr.execute(
        "CREATE TEMP TABLE IF NOT EXISTS boh_fc_move (period_id int,"
        " product_id int, move_id int, purchase_line_id int, category varchar,"
        " qty numeric) ON COMMIT DROP"
    )
    cr.execute("TRUNCATE boh_fc_move")
    cr.execute(SQL("INSERT INTO boh_fc_move %s", _moves_sql(env)))
    has_po = "purchase_line_id" in env["stock.move"]._fields
    branches = [
        # counts: quantity counted, in the product's unit, and whether the
        # closing count's sheet has the ingredient (a zero counted is counted)
        SQL(
            """
            SELECT per.period_id, cl.product_id, %s
              FROM boh_fc_period per
              JOIN boh_stock_count_line cl
                ON cl.count_id IN (per.opening_id, per.closing_id)
              JOIN product_product pp ON pp.id = cl.product_id
              JOIN product_template pt ON pt.id = pp.product_tmpl_id
              JOIN uom_uom pu ON pu.id = pt.uom_id
              JOIN uom_uom lu ON lu.id = COALESCE(cl.product_uom_id, pt.uom_id)
             GROUP BY 1, 2
            """,
            _figure_columns(
                opening=SQL(
                    "SUM(%s) FILTER (WHERE cl.count_id = per.opening_id)",
                    _in_product_unit("cl.qty_counted"),
                ),
                closing=SQL(
                    "SUM(%s) FILTER (WHERE cl.count_id != per.opening_id)",
                    _in_product_unit("cl.qty_counted"),
                ),
                counted=SQL("MAX(CASE WHEN cl.count_id = per.closing_id THEN 1 END)"),
            ),
        ),
        # receipts and transfers
        SQL(
            "SELECT period_id, product_id, %s FROM boh_fc_move GROUP BY 1, 2",
            _figure_columns(
                **{
                    category: SQL("SUM(qty) FILTER (WHERE category = %s)", category)
                    for category in (RECEIPT, TRANSFER_IN, TRANSFER_OUT)
                }
            ),
        ),
        # posted waste of the period
        SQL(
            """
            SELECT per.period_id, w.product_id, %s
              FROM boh_fc_period per
              JOIN boh_waste w ON w.store_id = per.store_id
                              AND w.state = 'done'
                              AND w.date > per.date_from
                              AND w.date <= per.date_to
              JOIN product_product pp ON pp.id = w.product_id
              JOIN product_template pt ON pt.id = pp.product_tmpl_id
              JOIN uom_uom pu ON pu.id = pt.uom_id
              JOIN uom_uom lu ON lu.id = COALESCE(w.product_uom_id, pt.uom_id)
             GROUP BY 1, 2
            """,
            _figure_columns(waste=SQL("SUM(%s)", _in_product_unit("w.quantity"))),
        ),
        # theoretical usage
        SQL(
            "SELECT period_id, product_id, %s FROM boh_fc_theoretical",
            _figure_columns(theoretical=SQL("qty")),
        ),
    ]
    if has_po:
        env["purchase.order.line"].flush_model(["product_uom_qty"])
        # what the purchase order lines received in the period ordered
        branches.append(
            SQL(
                """
                SELECT r.period_id, r.product_id, %s
                  FROM (SELECT period_id, product_id, purchase_line_id,
                               SUM(qty) AS received
                          FROM boh_fc_move
                         WHERE purchase_line_id IS NOT NULL
                           AND category = 'receipt'
                         GROUP BY 1, 2, 3) r
                  JOIN purchase_order_line pol ON pol.id = r.purchase_line_id
                 GROUP BY 1, 2
                """,
                _figure_columns(
                    po_ordered=SQL("SUM(pol.product_uom_qty)"),
                    po_received=SQL("SUM(r.received)"),
                ),
            )
        )
    cr.execute("DROP TABLE IF EXISTS boh_fc_figure")
    cr.execute(
        SQL(
            """
            CREATE TEMP TABLE boh_fc_figure ON COMMIT DROP AS
            SELECT period_id, product_id, %s
              FROM (%s) x
             GROUP BY 1, 2
            """,
            SQL(", ").join(
                SQL(
                    "COALESCE(SUM(%s), 0) AS %s",
                    SQL.identifier(name),
                    SQL.identifier(name),
                )
                for name in FIGURES
            ),
            SQL(" UNION ALL ").join(branches),
        )
    )


def _in_product_unit(column):
    """``column`` (a quantity in the unit of the row's ``lu``) in the
    product's unit (``pu``)."""
    column = SQL(column)
    return SQL(
        "CASE WHEN lu.id = pu.id THEN %s ELSE %s / lu.factor * pu.factor END",
        column,
        column,
    )


def _figure_columns(**values):
    """Every column of ``FIGURES`` in order, as ``float8``: the given
    expressions, NULL for the others (one row shape for every source)."""
    return SQL(", ").join(
        SQL("(%s)::float8 AS %s", values.get(name, SQL("NULL")), SQL.identifier(name))
        for name in FIGURES
    )


def insert_waste(env, periods):
    """The periods' posted waste by ingredient and reason, written to
    ``boh.food.cost.waste`` by one statement (``boh_fc_period`` holds the
    periods)."""
    env.cr.execute(
        SQL(
            """
            INSERT INTO boh_food_cost_waste (period_id, store_id, company_id,
                   product_id, reason, qty, value, create_uid, create_date,
                   write_uid, write_date)
            SELECT per.period_id, per.store_id, per.company_id, w.product_id,
                   w.reason,
                   SUM(CASE WHEN lu.id = pu.id THEN w.quantity
                            ELSE w.quantity / lu.factor * pu.factor END),
                   COALESCE(SUM(w.amount), 0), %(uid)s, %(now)s, %(uid)s, %(now)s
              FROM boh_fc_period per
              JOIN boh_waste w ON w.store_id = per.store_id AND w.state = 'done'
                              AND w.date > per.date_from AND w.date <= per.date_to
              JOIN product_product pp ON pp.id = w.product_id
              JOIN product_template pt ON pt.id = pp.product_tmpl_id
              JOIN uom_uom pu ON pu.id = pt.uom_id
              JOIN uom_uom lu ON lu.id = COALESCE(w.product_uom_id, pt.uom_id)
             GROUP BY per.period_id, per.store_id, per.company_id, w.product_id,
                   w.reason
            """,
            uid=env.uid,
            now=env.cr.now(),
        )
    )
    env["boh.food.cost.waste"].invalidate_model()


def lines_table(env, costs):
    """The lines of the periods in the temporary table ``boh_fc_line``: the
    figures of ``boh_fc_figure`` with the quantities and values the readme
    gives (columns named as the fields of ``boh.food.cost.line``), ranked
    within each period by absolute variance value (1 the largest). Computed
    in ``float8``, the type of the line's columns: no value is converted
    (PostgreSQL converts between ``numeric`` and ``float8`` through text).

    ``costs``: ``{(company id, product id): unit cost}`` of every ingredient.
    """
    keys = list(costs)
    env.cr.execute("DROP TABLE IF EXISTS boh_fc_line")
    env.cr.execute(
        SQL(
            """
            CREATE TEMP TABLE boh_fc_line ON COMMIT DROP AS
            WITH c AS (
                SELECT * FROM unnest(%(companies)s::int[], %(products)s::int[],
                                     %(costs)s::float8[])
                    AS c(company_id, product_id, cost)
            ), q AS (
                SELECT per.period_id, per.date_to, f.product_id, f.opening,
                       f.receipt, f.transfer_in, f.transfer_out, f.closing,
                       f.waste, f.theoretical, f.po_ordered, f.po_received,
                       f.counted > 0 AS counted, c.cost,
                       f.opening + f.receipt + f.transfer_in - f.transfer_out
                       - f.closing AS total
                  FROM boh_fc_figure f
                  JOIN boh_fc_period per ON per.period_id = f.period_id
                  JOIN c ON c.company_id = per.company_id
                        AND c.product_id = f.product_id
            ), a AS (
                SELECT q.*, total - waste AS actual FROM q
            ), v AS (
                -- an ingredient left off the closing count has no measured
                -- usage: what it differs from theoretical is "not counted",
                -- apart from the variance
                SELECT a.*,
                       CASE WHEN counted THEN actual - theoretical ELSE 0
                       END AS variance,
                       CASE WHEN counted THEN (actual - theoretical) * cost
                            ELSE 0 END AS variance_value,
                       CASE WHEN counted THEN 0
                            ELSE (actual - theoretical) * cost
                       END AS uncounted_value
                  FROM a
            )
            SELECT period_id, date_to, product_id,
                   row_number() OVER (PARTITION BY period_id
                                      ORDER BY abs(variance_value) DESC,
                                               product_id)::int AS rank,
                   opening AS opening_qty, receipt AS receipt_qty,
                   transfer_in AS transfer_in_qty,
                   transfer_out AS transfer_out_qty, closing AS closing_qty,
                   waste AS waste_qty, total AS total_usage_qty,
                   actual AS actual_qty, theoretical AS theoretical_qty,
                   variance AS variance_qty,
                   (CASE WHEN theoretical != 0 THEN 100 * variance / theoretical
                         WHEN variance > 0 THEN 100
                         WHEN variance < 0 THEN -100
                         ELSE 0 END)::float8 AS variance_pct,
                   cost AS unit_cost, total * cost AS total_value,
                   actual * cost AS actual_value,
                   theoretical * cost AS theoretical_value,
                   waste * cost AS waste_value, variance_value,
                   abs(variance_value) AS abs_variance_value, counted,
                   uncounted_value,
                   po_ordered AS po_ordered_qty, po_received AS po_received_qty
              FROM v
            """,
            companies=[company for company, _product in keys],
            products=[product for _company, product in keys],
            costs=[float(costs[key]) for key in keys],
        )
    )


def sales_table(env):
    """The net sales and units sold of each menu item in the periods of
    ``boh_fc_period``, in the temporary table ``boh_fc_sales`` (period_id,
    product_id, qty, amount): one pass over the daily sales."""
    env["boh.demand.daily"].flush_model()
    env.cr.execute("DROP TABLE IF EXISTS boh_fc_sales")
    env.cr.execute(
        SQL(
            """
            CREATE TEMP TABLE boh_fc_sales ON COMMIT DROP AS
            SELECT per.period_id, d.product_id, SUM(d.qty) AS qty,
                   SUM(d.amount) AS amount
              FROM %s
              JOIN boh_demand_daily d ON d.store_id = per.store_id
                                     AND d.date > per.date_from
                                     AND d.date <= per.date_to
             WHERE d.source = ANY(%s)
             GROUP BY 1, 2
            """,
            _periods_values(env),
            list(SALES_SOURCES),
        )
    )
