#!/usr/bin/env python3
"""Benchmark: supplier scorecards over 100,000 receipt lines (target < 5 s).

Without ``--odoo`` only the plain-Python formulas are timed (no database).
With ``--odoo -d DB`` the receipt lines are also gathered by the SQL query of
``boh.supply.scorecard`` from an existing database (read-only), and the
scorecards of every supplier computed from them.  ``--generate N`` first adds
N received purchase order lines to that database in bulk (SQL, copying a
received line of the demo chain, spread over its orders and the last year):
use it on a copy of a demo database, e.g. ``createdb -T boh_demo boh_score``.
"""

import argparse
import importlib.util
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def load_lib():
    path = ROOT / "addons" / "boh_supply" / "lib" / "scorecard.py"
    spec = importlib.util.spec_from_file_location("boh_supply_scorecard", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def synthetic_lines(sc, count, suppliers, seed=1):
    rng = random.Random(seed)
    start = date(2024, 1, 1)
    by_supplier = {}
    for _i in range(count):
        planned = start + timedelta(days=rng.randrange(365))
        ordered = rng.randint(1, 50)
        line = sc.ReceiptLine(
            ordered_qty=ordered,
            received_qty=ordered if rng.random() > 0.1 else ordered * 0.8,
            planned_date=planned,
            received_date=planned + timedelta(days=rng.choice((0, 0, 0, 1, 2))),
            order_date=planned - timedelta(days=3),
            price=10.0 * rng.choice((1, 1, 1, 1.05)),
            agreed_price=10.0,
            agreed_lead_days=3,
            claims=1 if rng.random() < 0.02 else 0,
        )
        by_supplier.setdefault(rng.randrange(suppliers), []).append(line)
    return by_supplier


def bench_formulas(count, suppliers):
    sc = load_lib()
    by_supplier = synthetic_lines(sc, count, suppliers)
    started = time.perf_counter()
    cards = {key: sc.compute_scorecard(lines) for key, lines in by_supplier.items()}
    ranking = sc.rank(cards, "otif")
    elapsed = time.perf_counter() - started
    print(f"formulas: {count} receipt lines, {len(cards)} suppliers, {elapsed:.2f} s")
    print(f"best supplier {ranking[0]}: {cards[ranking[0]]}")
    return elapsed


def _copy_rows(cr, table, source, where, overrides, params):
    """INSERT INTO table SELECT every column of a template row, some overridden."""
    cr.execute(
        "SELECT column_name FROM information_schema.columns"
        " WHERE table_name = %s AND column_name != 'id' ORDER BY ordinal_position",
        [table],
    )
    columns = [row[0] for row in cr.fetchall()]
    values = [overrides.get(column, f't."{column}"') for column in columns]
    names = ", ".join(f'"{column}"' for column in columns)
    cr.execute(
        f"INSERT INTO {table} ({names}) SELECT {', '.join(values)}"  # noqa: S608
        f" FROM {source} WHERE {where}",
        params,
    )
    return cr.rowcount


def generate_receipt_lines(cr, count):
    """Add ``count`` received purchase order lines (and their done receipt
    moves) over the last year, on the demo chain's confirmed orders."""
    cr.execute(
        """
        SELECT sm.id, sm.purchase_line_id
          FROM stock_move sm
          JOIN stock_location src ON src.id = sm.location_id
         WHERE sm.state = 'done' AND sm.purchase_line_id IS NOT NULL
           AND src.usage = 'supplier'
         ORDER BY sm.id LIMIT 1
        """
    )
    row = cr.fetchone()
    if not row:
        raise SystemExit("no received purchase line to copy: load the demo chain")
    move_id, line_id = row
    cr.execute(
        "SELECT array_agg(id ORDER BY id) FROM purchase_order WHERE state = 'purchase'"
    )
    order_ids = cr.fetchone()[0]
    cr.execute("SELECT COALESCE(MAX(id), 0) FROM purchase_order_line")
    first_new = cr.fetchone()[0]
    started = time.perf_counter()
    # Lines: one of the orders each, product of a line of that order, planned
    # over the last 360 days; one in ten short, one in seven a day late.
    _copy_rows(
        cr,
        "purchase_order_line",
        "purchase_order_line t, generate_series(1, %(count)s) g",
        "t.id = %(line)s",
        {
            "order_id": "(%(orders)s::int[])[1 + g %% %(norders)s]",
            "product_qty": "(1 + g %% 20)::numeric",
            "product_uom_qty": "(1 + g %% 20)::numeric",
            "qty_received": (
                "CASE WHEN g %% 10 = 0 THEN 0.8 * (1 + g %% 20) ELSE (1 + g %% 20) END"
            ),
            "date_planned": "now() at time zone 'UTC' - (g %% 360) * interval '1 day'",
        },
        {
            "count": count,
            "line": line_id,
            "orders": order_ids,
            "norders": len(order_ids),
        },
    )
    cr.execute(
        """
        UPDATE purchase_order_line pol
           SET product_id = src.product_id, partner_id = po.partner_id,
               price_unit = src.price_unit * CASE WHEN pol.id %% 4 = 0
                                                  THEN 1.05 ELSE 1 END
          FROM purchase_order po,
               LATERAL (SELECT product_id, price_unit FROM purchase_order_line x
                         WHERE x.order_id = po.id AND x.id <= %s
                         ORDER BY x.id LIMIT 1) src
         WHERE pol.id > %s AND po.id = pol.order_id
        """,
        [first_new, first_new],
    )
    _copy_rows(
        cr,
        "stock_move",
        "stock_move t, purchase_order_line p",
        "t.id = %(move)s AND p.id > %(first)s",
        {
            "purchase_line_id": "p.id",
            "product_id": "p.product_id",
            "product_uom_qty": "p.product_qty",
            "quantity": "p.qty_received",
            "product_qty": "p.qty_received",
            "date": (
                "p.date_planned + CASE WHEN p.id %% 7 = 0 THEN interval '1 day'"
                " ELSE interval '0 day' END"
            ),
            "picking_id": "NULL",
        },
        {"move": move_id, "first": first_new},
    )
    print(
        f"generated {count} received purchase lines and their receipt moves"
        f" in {time.perf_counter() - started:.1f} s"
    )


def bench_odoo(database, days, generate=0, odoo_config=None):
    import odoo
    from odoo.tools import config

    config.parse_config(["-d", database, *(["-c", odoo_config] if odoo_config else [])])
    odoo.service.server.load_server_wide_modules()
    registry = odoo.modules.registry.Registry(database)
    if generate:
        with registry.cursor() as cr:
            generate_receipt_lines(cr, generate)
            cr.commit()
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        today = date.today()
        Scorecard = env["boh.supply.scorecard"]
        started = time.perf_counter()
        rows = Scorecard._query_receipt_lines(today - timedelta(days=days), today)
        query = time.perf_counter() - started
        started = time.perf_counter()
        cards = Scorecard.get_scorecards(today - timedelta(days=days), today)
        elapsed = time.perf_counter() - started
        print(
            f"odoo: query of {len(rows)} receipt lines {query:.2f} s; scorecards of"
            f" {len(cards)} suppliers from the database (query + formulas)"
            f" {elapsed:.2f} s"
        )
        cr.rollback()
    return elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lines", type=int, default=100_000)
    parser.add_argument("--suppliers", type=int, default=50)
    parser.add_argument("--odoo", action="store_true")
    parser.add_argument("-d", "--database", default="boh")
    parser.add_argument("-c", "--config", help="Odoo configuration file")
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument(
        "--generate",
        type=int,
        default=0,
        help="first add this many received lines to the database (a copy!)",
    )
    args = parser.parse_args()
    elapsed = bench_formulas(args.lines, args.suppliers)
    if args.odoo:
        # The Odoo figure stands alone: its own query and formulas.
        elapsed = bench_odoo(args.database, args.days, args.generate, args.config)
    if elapsed > 5.0:
        print("SLOWER than the 5 s target", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
