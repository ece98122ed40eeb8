import logging
from datetime import datetime, timedelta

from odoo import api, fields, models
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

SOURCES = [
    ("pos", "Point of Sale"),
    ("stock", "Stock Consumption"),
    ("import", "Import"),
    ("api", "External POS (API)"),
]
# Moves written after the watermark minus this margin are looked at again, so a
# transaction committed late is never missed (a re-run changes nothing).
WATERMARK_MARGIN = timedelta(minutes=30)


class BohDemandDaily(models.Model):
    """Units sold (or consumed) per store, product and day, per source.

    Rows are written in bulk by SQL upserts keyed on (store, product, day,
    source): each ingestion recomputes the day's total of the source and
    replaces it, so running it twice never double counts.  ``stockout`` marks
    days when the store had nothing on hand at the end of the day: the engine
    treats them as censored demand, not as zero demand.
    """

    _name = "boh.demand.daily"
    _inherit = ["boh.guard.mixin", "boh.demand.import.mixin"]
    _description = "BOH Daily Demand"
    _order = "date desc, store_id, product_id"
    _rec_name = "product_id"

    store_id = fields.Many2one("boh.store", required=True, index=True, readonly=True)
    product_id = fields.Many2one(
        "product.product", required=True, index=True, readonly=True
    )
    product_tmpl_id = fields.Many2one(related="product_id.product_tmpl_id")
    categ_id = fields.Many2one(related="product_id.categ_id", string="Category")
    date = fields.Date(required=True, index=True, readonly=True)
    source = fields.Selection(SOURCES, required=True, readonly=True)
    qty = fields.Float(string="Quantity", digits="Product Unit of Measure")
    stockout = fields.Boolean(
        string="Out of Stock",
        help="The store had nothing on hand at the end of the day: the demand of"
        " that day is censored.",
    )
    amount = fields.Monetary(
        string="Net Sales",
        currency_field="currency_id",
        help="Sales of the day excluding taxes, in the company's currency (empty"
        " when the source does not know prices, e.g. stock consumption).",
    )
    company_id = fields.Many2one("res.company", required=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")

    # Buyers may correct a day's quantity; which store, product, day and
    # source the row counts is fixed when it is written.
    _boh_create_only_fields = frozenset(
        {"store_id", "product_id", "date", "source", "company_id"}
    )

    _sql_constraints = [
        (
            "key_unique",
            "unique(store_id, product_id, date, source)",
            "One row per store, product, day and source.",
        ),
    ]

    def init(self):
        self.env.cr.execute(
            SQL(
                "CREATE INDEX IF NOT EXISTS boh_demand_daily_store_date_idx"
                " ON boh_demand_daily (store_id, date)"
            )
        )

    # ------------------------------------------------------------------
    # Bulk upsert
    # ------------------------------------------------------------------
    @api.model
    def _upsert(
        self, source, store_ids, product_ids, dates, qtys, stockouts=None, amounts=None
    ):
        """Insert or replace the day totals of ``source``; returns rows changed.

        The arrays have one entry per row.  With ``stockouts`` the flag is
        replaced too, otherwise an existing flag is kept (it comes from stock
        history).  ``amounts`` (net sales excluding taxes) may hold ``None``
        for a row whose sales value is not known: an existing amount is then
        kept.  Rows whose values do not change are not touched.
        """
        if not len(store_ids):
            return 0
        keep_flag = stockouts is None
        if keep_flag:
            stockouts = [False] * len(store_ids)
        if amounts is None:
            amounts = [None] * len(store_ids)
        self.flush_model()
        query = SQL(
            """
            INSERT INTO boh_demand_daily AS d (store_id, product_id, date, source,
                qty, amount, stockout, company_id, create_uid, create_date,
                write_uid, write_date)
            SELECT u.store_id, u.product_id, u.day, %(source)s, u.qty, u.amount,
                   u.stockout, w.company_id, %(uid)s, now() at time zone 'UTC',
                   %(uid)s, now() at time zone 'UTC'
              FROM unnest(%(stores)s::int[], %(products)s::int[], %(dates)s::date[],
                          %(qtys)s::float8[], %(amounts)s::numeric[],
                          %(flags)s::bool[])
                   AS u(store_id, product_id, day, qty, amount, stockout)
              JOIN boh_store s ON s.id = u.store_id
              JOIN stock_warehouse w ON w.id = s.warehouse_id
            ON CONFLICT (store_id, product_id, date, source) DO UPDATE
               SET qty = EXCLUDED.qty,
                   amount = COALESCE(EXCLUDED.amount, d.amount),
                   stockout = %(stockout_expr)s,
                   write_uid = EXCLUDED.write_uid,
                   write_date = EXCLUDED.write_date
             WHERE d.qty IS DISTINCT FROM EXCLUDED.qty
                OR d.amount IS DISTINCT FROM COALESCE(EXCLUDED.amount, d.amount)
                OR d.stockout IS DISTINCT FROM %(stockout_expr)s
            """,
            source=source,
            uid=self.env.uid,
            stores=[int(x) for x in store_ids],
            products=[int(x) for x in product_ids],
            dates=[str(x) for x in dates],
            qtys=[float(x) for x in qtys],
            amounts=[None if x is None else round(float(x), 6) for x in amounts],
            flags=[bool(x) for x in stockouts],
            stockout_expr=SQL("d.stockout") if keep_flag else SQL("EXCLUDED.stockout"),
        )
        self.env.cr.execute(query)
        changed = self.env.cr.rowcount
        self.invalidate_model()
        return changed

    # ------------------------------------------------------------------
    # Ingestion from stock moves (consumption)
    # ------------------------------------------------------------------
    @api.model
    def _get_stock_excluded_picking_types(self):
        """Operation types whose moves are demand counted by another source.

        Extended by boh_forecast_pos: POS orders are counted from the orders.
        """
        return []

    @api.model
    def _local_day_sql(self, column):
        """SQL of the store-local day of a UTC timestamp (store alias ``s``)."""
        self.env["boh.store"].flush_model(["tz", "warehouse_id", "store_type"])
        return SQL(
            "(%s AT TIME ZONE 'UTC' AT TIME ZONE COALESCE(s.tz, 'UTC'))::date", column
        )

    @api.model
    def _ingest_stock_moves(self, since=None):
        """Upsert the consumption (done moves out of each store) of touched days.

        Days touched by a move written since ``since`` (default: the stored
        watermark) are recomputed in full, so the result does not depend on how
        often this runs.  Returns the number of rows changed.
        """
        key = "boh_forecast.stock_watermark"
        since = self._get_watermark(key, since)
        self.env["stock.move.line"].flush_model()
        self.env["stock.move"].flush_model()
        excluded = self._get_stock_excluded_picking_types() or [0]
        day = self._local_day_sql(SQL("ml.date"))
        lines = SQL(
            """
                    SELECT s.id AS store_id, ml.product_id, %(day)s AS day,
                           ml.write_date,
                           CASE WHEN src.warehouse_id = s.warehouse_id
                                THEN ml.quantity_product_uom
                                ELSE -ml.quantity_product_uom END AS qty
                      FROM stock_move_line ml
                      JOIN stock_move m ON m.id = ml.move_id
                      JOIN stock_location src ON src.id = ml.location_id
                      JOIN stock_location dst ON dst.id = ml.location_dest_id
                      JOIN boh_store s ON s.warehouse_id IN (src.warehouse_id,
                                                             dst.warehouse_id)
                     WHERE ml.state = 'done'
                       AND s.store_type = 'store'
                       AND (m.picking_type_id IS NULL
                            OR m.picking_type_id != ALL(%(excluded)s))
                       AND (
                            (src.usage = 'internal'
                             AND src.warehouse_id = s.warehouse_id
                             AND dst.usage IN ('customer', 'production'))
                         OR (dst.usage = 'internal'
                             AND dst.warehouse_id = s.warehouse_id
                             AND src.usage = 'customer')
                       )
                """,
            day=day,
            excluded=excluded,
        )
        return self._upsert_touched_days("stock", key, lines, since)

    @api.model
    def _get_watermark(self, key, since=None):
        """Where an incremental source starts: ``since`` when given, else its
        stored watermark (system parameter ``key``) minus a safety margin."""
        if since is not None:
            return since
        stored = self.env["ir.config_parameter"].sudo().get_param(key)
        if not stored:
            return datetime(1970, 1, 1)
        return fields.Datetime.to_datetime(stored) - WATERMARK_MARGIN

    @api.model
    def _upsert_touched_days(self, source, key, lines, since, with_amount=False):
        """The common tail of the incremental sources (stock moves, POS).

        ``lines`` is the SQL of a source's lines (columns ``store_id``,
        ``product_id``, ``day``, ``qty``, ``write_date``, and ``amount``, the
        net sales value, when ``with_amount``).  The day totals of every
        store-day with a line written after ``since`` are recomputed in full
        and upserted for ``source`` (a negative total, more refunds than
        sales, counts as 0); the watermark ``key`` moves to the latest write
        date.  Returns the number of rows changed.
        """
        self.env.cr.execute(
            SQL(
                """
                WITH lines AS (%(lines)s),
                touched AS (
                    SELECT DISTINCT store_id, day FROM lines
                     WHERE write_date > %(since)s
                )
                SELECT l.store_id, l.product_id, l.day, SUM(l.qty),
                       MAX(l.write_date), %(amount)s
                  FROM lines l
                  JOIN touched t ON t.store_id = l.store_id AND t.day = l.day
                 GROUP BY l.store_id, l.product_id, l.day
                """,
                lines=lines,
                since=since,
                amount=SQL("SUM(l.amount)") if with_amount else SQL("NULL"),
            )
        )
        rows = self.env.cr.fetchall()
        changed = 0
        if rows:
            stores, products, days, qtys, writes, amounts = zip(*rows, strict=True)
            changed = self._upsert(
                source,
                stores,
                products,
                days,
                [max(q, 0.0) for q in qtys],
                amounts=[None if a is None else max(float(a), 0.0) for a in amounts]
                if with_amount
                else None,
            )
            self.env["ir.config_parameter"].sudo().set_param(
                key, fields.Datetime.to_string(max(writes))
            )
        _logger.info("BOH demand from %s: %s rows changed", source, changed)
        return changed

    @api.model
    def _ingest_all(self):
        """Every incremental source of this database (extended by glue addons)."""
        return self._ingest_stock_moves()

    # ------------------------------------------------------------------
    # Stock-outs from stock history
    # ------------------------------------------------------------------
    @api.model
    def _mark_stockouts(self, date_from, date_to=None, stores=None):
        """Flag the days in [date_from, date_to] ending with nothing on hand.

        Only (store, product) pairs with stock history (a done move) are
        considered: a store that does not track stock in Odoo is never
        marked.  The quantity at the end of a day is today's quantity on hand
        minus the moves after that day.  Returns the number of rows changed.
        """
        date_to = date_to or fields.Date.context_today(self)
        stores = stores or self.env["boh.store"].search([("store_type", "=", "store")])
        if not stores or date_from > date_to:
            return 0
        self.env["stock.quant"].flush_model()
        self.env["stock.move.line"].flush_model()
        self.flush_model()
        day = self._local_day_sql(SQL("ml.date"))
        self.env.cr.execute(
            SQL(
                """
                SELECT s.id, ml.product_id, %(day)s AS day,
                       SUM(CASE WHEN dst.warehouse_id = s.warehouse_id
                                 AND dst.usage = 'internal'
                                THEN ml.quantity_product_uom ELSE 0 END)
                     - SUM(CASE WHEN src.warehouse_id = s.warehouse_id
                                 AND src.usage = 'internal'
                                THEN ml.quantity_product_uom ELSE 0 END)
                  FROM stock_move_line ml
                  JOIN stock_location src ON src.id = ml.location_id
                  JOIN stock_location dst ON dst.id = ml.location_dest_id
                  JOIN boh_store s ON s.warehouse_id IN (src.warehouse_id,
                                                         dst.warehouse_id)
                 WHERE ml.state = 'done' AND s.id = ANY(%(stores)s)
                 GROUP BY 1, 2, 3
                """,
                day=day,
                stores=stores.ids,
            )
        )
        moves = {}
        first = {}
        for store_id, product_id, mday, net in self.env.cr.fetchall():
            moves.setdefault((store_id, product_id), {})[mday] = net
            key = (store_id, product_id)
            first[key] = min(first.get(key, mday), mday)
        if not moves:
            return 0
        self.env.cr.execute(
            SQL(
                """
                SELECT s.id, q.product_id, SUM(q.quantity)
                  FROM stock_quant q
                  JOIN stock_location l ON l.id = q.location_id
                  JOIN boh_store s ON s.warehouse_id = l.warehouse_id
                 WHERE l.usage = 'internal' AND s.id = ANY(%(stores)s)
                 GROUP BY 1, 2
                """,
                stores=stores.ids,
            )
        )
        on_hand = {(s, p): q for s, p, q in self.env.cr.fetchall()}
        out_s, out_p, out_d, out_f = [], [], [], []
        for key, per_day in moves.items():
            qty = on_hand.get(key, 0.0)
            # walk back from the latest move day: end-of-day stock of day d is
            # the current stock minus the moves of the days after d
            later = sorted((d for d in per_day if d > date_to), reverse=True)
            for d in later:
                qty -= per_day[d]
            current = date_to
            start = max(date_from, first[key])
            while current >= start:
                out_s.append(key[0])
                out_p.append(key[1])
                out_d.append(current)
                out_f.append(qty <= 1e-9)
                qty -= per_day.get(current, 0.0)
                current -= timedelta(days=1)
        return self._apply_stockouts(out_s, out_p, out_d, out_f)

    @api.model
    def _apply_stockouts(self, stores, products, days, flags):
        """Set the stock-out flag of the given days (all sources of a day)."""
        if not stores:
            return 0
        args = {
            "stores": [int(x) for x in stores],
            "products": [int(x) for x in products],
            "dates": [str(x) for x in days],
            "flags": [bool(x) for x in flags],
        }
        self.env.cr.execute(
            SQL(
                """
                UPDATE boh_demand_daily d
                   SET stockout = u.flag, write_date = now() at time zone 'UTC'
                  FROM unnest(%(stores)s::int[], %(products)s::int[],
                              %(dates)s::date[], %(flags)s::bool[])
                       AS u(store_id, product_id, day, flag)
                 WHERE d.store_id = u.store_id AND d.product_id = u.product_id
                   AND d.date = u.day AND d.stockout IS DISTINCT FROM u.flag
                """,
                **args,
            )
        )
        changed = self.env.cr.rowcount
        out = [i for i, flag in enumerate(flags) if flag]
        if out:
            # a day out of stock with no sale at all still needs its row
            self.env.cr.execute(
                SQL(
                    """
                    INSERT INTO boh_demand_daily AS d (store_id, product_id, date,
                        source, qty, stockout, company_id, create_uid, create_date,
                        write_uid, write_date)
                    SELECT u.store_id, u.product_id, u.day, 'stock', 0, true,
                           w.company_id, %(uid)s, now() at time zone 'UTC',
                           %(uid)s, now() at time zone 'UTC'
                      FROM unnest(%(stores)s::int[], %(products)s::int[],
                                  %(dates)s::date[]) AS u(store_id, product_id, day)
                      JOIN boh_store s ON s.id = u.store_id
                      JOIN stock_warehouse w ON w.id = s.warehouse_id
                     WHERE NOT EXISTS (
                           SELECT 1 FROM boh_demand_daily x
                            WHERE x.store_id = u.store_id
                              AND x.product_id = u.product_id AND x.date = u.day)
                    ON CONFLICT (store_id, product_id, date, source) DO NOTHING
                    """,
                    uid=self.env.uid,
                    stores=[args["stores"][i] for i in out],
                    products=[args["products"][i] for i in out],
                    dates=[args["dates"][i] for i in out],
                )
            )
            changed += self.env.cr.rowcount
        self.invalidate_model()
        return changed

    # ------------------------------------------------------------------
    # Crons
    # ------------------------------------------------------------------
    @api.model
    def _cron_ingest(self):
        """Nightly: ingest every source and flag recent stock-outs."""
        self._ingest_all()
        days = int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("boh_forecast.stockout_days", 3)
        )
        today = fields.Date.context_today(self)
        self._mark_stockouts(today - timedelta(days=days), today)
