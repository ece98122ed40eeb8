#!/usr/bin/env python3
"""Benchmark: supplier scorecards over 100,000 receipt lines (target < 5 s).

Without ``--odoo`` only the plain-Python formulas are timed (no database).
With ``--odoo -d DB`` the receipt lines are also gathered by the SQL query of
``boh.supply.scorecard`` from an existing database (read-only).
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


def bench_odoo(database, days):
    import odoo
    from odoo.tools import config

    config.parse_config(["-d", database])
    odoo.service.server.load_server_wide_modules()
    registry = odoo.modules.registry.Registry(database)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        today = date.today()
        started = time.perf_counter()
        rows = env["boh.supply.scorecard"]._query_receipt_lines(
            today - timedelta(days=days), today
        )
        cards = env["boh.supply.scorecard"].get_scorecards(
            today - timedelta(days=days), today
        )
        elapsed = time.perf_counter() - started
        print(
            f"odoo: {len(rows)} receipt lines, {len(cards)} suppliers, {elapsed:.2f} s"
        )
        cr.rollback()
    return elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lines", type=int, default=100_000)
    parser.add_argument("--suppliers", type=int, default=50)
    parser.add_argument("--odoo", action="store_true")
    parser.add_argument("-d", "--database", default="boh")
    parser.add_argument("--days", type=int, default=365)
    args = parser.parse_args()
    elapsed = bench_formulas(args.lines, args.suppliers)
    if args.odoo:
        elapsed += bench_odoo(args.database, args.days)
    if elapsed > 5.0:
        print("SLOWER than the 5 s target", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
