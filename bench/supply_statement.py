#!/usr/bin/env python3
"""Benchmark: last month's supplier statements of a whole chain.

Works in one transaction that is rolled back: nothing is left in the
database.  ``--load`` first loads a demo chain (``boh.demo.loader``) into it;
``--orders N --lines M`` adds, for each supplier, N orders of M lines received
last month and billed (one line in ten at a price 5 % above the order's), so
that the month has as many lines as wanted.  Then it times the grouped reads
of the month (``services.statement_lines``) and ``_boh_generate`` (reads,
statements and lines created), with their SQL query counts.

    python3 bench/supply_statement.py -c odoo.conf -d boh --load --orders 20 --lines 10
"""

import argparse
import random
import time
from datetime import date, datetime, timedelta


def month_bounds(day):
    first = day.replace(day=1)
    return first, (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)


def add_orders(env, date_from, orders, lines, seed=3):
    """``orders`` received and billed orders of ``lines`` lines per supplier."""
    from odoo import Command

    rng = random.Random(seed)
    sellers = env["product.supplierinfo"].search([])
    by_supplier = {}
    for seller in sellers:
        if seller.product_id or seller.product_tmpl_id.product_variant_id:
            product = seller.product_id or seller.product_tmpl_id.product_variant_id
            by_supplier.setdefault(seller.partner_id, []).append((product, seller))
    buyer = env["res.users"].search([("login", "=", "buyer")], limit=1)
    picking_type = env["stock.picking.type"].search(
        [("code", "=", "incoming")], limit=1
    )
    count = 0
    for partner, products in by_supplier.items():
        for index in range(orders):
            day = date_from + timedelta(days=index % 27)
            picked = [rng.choice(products) for _line in range(lines)]
            order = env["purchase.order"].create(
                {
                    "partner_id": partner.id,
                    "user_id": buyer.id,
                    "picking_type_id": picking_type.id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": product.id,
                                "product_qty": rng.randint(2, 20),
                                "price_unit": seller.price or 10.0,
                                "date_planned": datetime.combine(
                                    day, datetime.min.time()
                                ),
                            }
                        )
                        for product, seller in picked
                    ],
                }
            )
            order.button_confirm()
            picking = order.picking_ids
            for move in picking.move_ids:
                move.quantity = move.product_uom_qty
                for line in move.move_line_ids:
                    if move.product_id.tracking != "none" and not line.lot_name:
                        line.lot_name = f"BENCH-{order.name}"
            picking.move_ids.picked = True
            picking.with_context(cancel_backorder=True)._action_done()
            picking.move_ids.write({"date": datetime.combine(day, datetime.min.time())})
            bill = env["account.move"].browse(order.action_create_invoice()["res_id"])
            for line in bill.invoice_line_ids:
                if rng.random() < 0.1:
                    line.price_unit = round(line.price_unit * 1.05, 2)
            bill.invoice_date = day + timedelta(days=1)
            bill.action_post()
            count += lines
    return count


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-d", "--database", default="boh")
    parser.add_argument("-c", "--config", help="Odoo configuration file")
    parser.add_argument("--load", action="store_true", help="load a demo chain")
    parser.add_argument("--suppliers", type=int, default=5)
    parser.add_argument("--orders", type=int, default=0)
    parser.add_argument("--lines", type=int, default=10)
    args = parser.parse_args()

    import odoo
    from odoo.tools import config

    config.parse_config(
        ["-d", args.database, *(["-c", args.config] if args.config else [])]
    )
    odoo.service.server.load_server_wide_modules()
    registry = odoo.modules.registry.Registry(args.database)
    from odoo.addons.boh_supply_statement.services.statement_lines import (
        statement_lines,
    )

    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        # Bills need a purchase journal (a database without a localization
        # has none): the generic chart, as the tests load it.
        if not env["account.journal"].search_count([("type", "=", "purchase")]):
            env["account.chart.template"].try_loading(
                "generic_coa", company=env.company, install_demo=False
            )
        date_from, date_to = month_bounds(date.today().replace(day=1) - timedelta(1))
        started = time.perf_counter()
        if args.load:
            env["boh.demo.loader"].load_chain(
                passwords=False,
                seed=11,
                stores=6,
                products=40,
                days=14,
                suppliers=args.suppliers,
                supply_weeks=9,
            )
        added = add_orders(env, date_from, args.orders, args.lines)
        print(
            f"setup: chain {'loaded' if args.load else 'as is'}, {added} order "
            f"lines added, {time.perf_counter() - started:.1f} s"
        )
        env.flush_all()
        env.invalidate_all()
        queries = cr.sql_log_count
        started = time.perf_counter()
        lines = statement_lines(env, env.company, date_from, date_to, "Asia/Shanghai")
        read_time = time.perf_counter() - started
        read_queries = cr.sql_log_count - queries
        count = sum(map(len, lines.values()))
        print(
            f"read the month: {len(lines)} suppliers, {count} lines, "
            f"{read_time:.2f} s, {read_queries} queries"
        )
        env["boh.supplier.statement"].search([("date_from", "=", date_from)]).unlink()
        env.flush_all()
        env.invalidate_all()
        queries = cr.sql_log_count
        started = time.perf_counter()
        statements = env["boh.supplier.statement"]._boh_generate(date_from)
        env.flush_all()
        print(
            f"_boh_generate: {len(statements)} statements, "
            f"{len(statements.line_ids)} lines, "
            f"{time.perf_counter() - started:.2f} s, "
            f"{cr.sql_log_count - queries} queries"
        )
        cr.rollback()


if __name__ == "__main__":
    main()
