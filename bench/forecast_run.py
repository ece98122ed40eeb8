#!/usr/bin/env python3
"""A full forecast run, end to end inside Odoo, on a big demo chain.

Two steps on a database where boh_forecast_ordering is installed (with
boh_forecast and boh_ordering, without demo data),
on a PostgreSQL server of your own (never the shared one of ``./boh run``)::

    python3 bench/forecast_run.py load -c odoo.conf -d fcb \\
        --stores 200 --products 500 --days 730
    python3 bench/forecast_run.py run -c odoo.conf -d fcb --workers 2

``load`` generates the demo chain (``boh_base/lib/chain_generator.py``), loads
its master data and drivers through ``boh.demo.loader.load_chain`` and its
daily sales with one ``COPY`` per store into ``boh_demand_daily`` (indexes are
dropped during the copy and built again after it).

``run`` starts Odoo with queue_job's job runner (``server_wide_modules
web,queue_job``, ``[queue_job] channels = root:<workers>``, ``--workers``
HTTP workers that execute the jobs), creates a forecast run of every store
(or of the first ``--run-stores``) at the end of the history, starts it and
waits until the run record is done. It prints the wall time from the start of
the run to its end as recorded on the run, the jobs' figures, and the peak
resident memory of every Odoo process (``VmHWM`` of ``/proc/<pid>/status``,
sampled every second). Odoo is stopped at the end.
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

LOAD = r"""
import io, json, resource, sys, time
import numpy as np
import odoo
from odoo import api, SUPERUSER_ID
config, db, params = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
odoo.tools.config.parse_config(["-c", config, "-d", db])
registry = odoo.modules.registry.Registry(db)
from odoo.addons.boh_base.lib.chain_generator import generate_chain
timings = {}
with registry.cursor() as cr:
    env = api.Environment(
        cr,
        SUPERUSER_ID,
        {
            "tracking_disable": True,
            "boh_forecast_skip_sales": True,
            # past store orders do not feed forecasts: not loaded at this size
            "boh_demo_skip_orders": True,
        },
    )
    stored = env["ir.config_parameter"].get_param("boh_base.demo_chain")
    t0 = time.perf_counter()
    if stored and json.loads(stored)["stores"] == params["stores"]:
        # master data loaded by an earlier call: the same chain again
        chain = generate_chain(**params)
        Store, Product = env["boh.store"], env["product.product"]
        sites = {s.code: s for s in Store.search([("code", "!=", False)])}
        products = {
            p.default_code: p for p in Product.search([("default_code", "!=", False)])
        }
        timings["generate (master data already loaded)"] = time.perf_counter() - t0
    else:
        result = env["boh.demo.loader"].load_chain(**params)
        env.flush_all()
        timings.update(result["timings"])
        timings["master data and drivers"] = time.perf_counter() - t0
        cr.commit()
        chain, sites, products = result["chain"], result["sites"], result["products"]
    cr.execute("SELECT count(*) FROM boh_demand_daily")
    if cr.fetchone()[0]:
        raise SystemExit("boh_demand_daily is not empty: load a new database")
    # bulk load: no foreign key triggers, no index during the copy
    cr.execute("SET LOCAL session_replication_role = replica")
    cr.execute(
        "SELECT indexname, indexdef FROM pg_indexes WHERE tablename ="
        " 'boh_demand_daily' AND indexname NOT LIKE '%%pkey'"
    )
    indexes = cr.fetchall()
    cr.execute(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
        " WHERE conrelid = 'boh_demand_daily'::regclass AND contype = 'u'"
    )
    uniques = cr.fetchall()
    for name, _definition in uniques:
        cr.execute(f'ALTER TABLE boh_demand_daily DROP CONSTRAINT "{name}"')
    unique_names = {name for name, _d in uniques}
    indexes = [(n, d) for n, d in indexes if n not in unique_names]
    for name, _definition in indexes:
        cr.execute(f'DROP INDEX "{name}"')
    t0 = time.perf_counter()
    product_ids = [products[p.default_code].id for p in chain.products]
    days = [d.isoformat() for d in chain.dates]
    cr.execute("SELECT (now() at time zone 'UTC')::text")
    now = cr.fetchone()[0]
    rows = 0
    columns = (
        "store_id, product_id, date, source, qty, stockout, company_id,"
        " create_uid, create_date, write_uid, write_date"
    )
    for s, store in enumerate(chain.stores):
        site = sites[store.code]
        sales, out = chain.sales[s], chain.stockout[s]
        p_idx, d_idx = np.nonzero((sales > 0) | out)
        head = f"{site.id}\t"
        tail = f"\t{site.company_id.id}\t1\t{now}\t1\t{now}"
        text = "\n".join(
            f"{head}{product_ids[p]}\t{days[d]}\timport\t{q}\t{'t' if o else 'f'}{tail}"
            for p, d, q, o in zip(
                p_idx.tolist(),
                d_idx.tolist(),
                sales[p_idx, d_idx].tolist(),
                out[p_idx, d_idx].tolist(),
            )
        )
        cr.copy_expert(
            f"COPY boh_demand_daily ({columns}) FROM STDIN", io.StringIO(text + "\n")
        )
        rows += len(p_idx)
    timings["copy sales"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    for name, definition in uniques:
        cr.execute(f'ALTER TABLE boh_demand_daily ADD CONSTRAINT "{name}" {definition}')
    for _name, definition in indexes:
        cr.execute(definition)
    cr.execute("ANALYZE boh_demand_daily")
    timings["indexes"] = time.perf_counter() - t0
    cr.commit()
print(json.dumps({
    "timings": timings, "rows": rows,
    "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}))
"""

LAUNCHER = """import sys
import time

if len(sys.argv) > 1 and sys.argv[1] == "gevent":
    while True:
        time.sleep(3600)
from odoo.cli.command import main

main()
"""

START = r"""
import json, sys
from datetime import date, timedelta
import odoo
from odoo import api, SUPERUSER_ID
config, db, limit = sys.argv[1], sys.argv[2], int(sys.argv[3])
odoo.tools.config.parse_config(["-c", config, "-d", db])
registry = odoo.modules.registry.Registry(db)
with registry.cursor() as cr:
    env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
    cr.execute("SELECT max(date) FROM boh_demand_daily")
    origin = cr.fetchone()[0] + timedelta(days=1)
    stores = env["boh.store"].search([("store_type", "=", "store")], order="id")
    vals = {"date_origin": origin, "horizon_days": 28}
    if limit:
        vals["store_ids"] = [(6, 0, stores[:limit].ids)]
    run = env["boh.forecast.run"].create(vals)
    run.action_start()
    cr.commit()
    print(json.dumps({"run_id": run.id, "stores": len(run._get_stores())}))
"""


def odoo_env():
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(ROOT / "engine")] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else [])
    )
    return env


def cmd_load(args):
    params = {
        "stores": args.stores,
        "products": args.products,
        "days": args.days,
        "suppliers": args.suppliers,
        "seed": args.seed,
    }
    t0 = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", LOAD, args.config, args.database, json.dumps(params)],
        check=True,
        stdout=subprocess.PIPE,
        text=True,
        env=odoo_env(),
    )
    load = json.loads(out.stdout.strip().splitlines()[-1])
    for step, seconds in load["timings"].items():
        print(f"  {step:26s}{seconds:8.1f} s")
    print(
        f"load {time.perf_counter() - t0:.1f} s in all, {load['rows']:,} demand rows,"
        f" peak {load['peak_rss_mb']:.0f} MB"
    )
    return 0


def children(pid):
    """Every descendant process of ``pid``."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        parents.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        kids = parents.get(todo.pop(), [])
        found += kids
        todo += kids
    return found


def memory(pid):
    """(VmRSS, VmHWM) in MB and the command line of a process."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
    except OSError:
        return None
    values = {}
    for line in status.splitlines():
        key, _sep, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = int(rest.split()[0]) / 1024
    return values.get("VmRSS", 0), values.get("VmHWM", 0), cmdline.decode()[:80]


def sql(args, query):
    out = subprocess.run(
        [
            "psql",
            "-h",
            args.db_host,
            "-p",
            str(args.db_port),
            "-U",
            args.db_user,
            "-d",
            args.database,
            "-Atc",
            query,
        ],
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    return out.stdout.strip()


def cmd_run(args):
    log = Path(args.logfile)
    # The prefork server starts its long-polling (bus) process again from
    # ``sys.argv[0]`` with the ``gevent`` command: a small launcher keeps that
    # process idle (jobs do not need it) instead of letting it fail in a loop.
    launcher = Path(tempfile.mkdtemp(prefix="boh-forecast-run-")) / "odoo_launcher.py"
    launcher.write_text(LAUNCHER)
    server = subprocess.Popen(
        [
            sys.executable,
            str(launcher),
            "server",
            "-c",
            args.config,
            "-d",
            args.database,
            "--db-filter",
            f"^{args.database}$",
            "--workers",
            str(args.workers),
            "--max-cron-threads",
            "0",
            "--load",
            "base,web,queue_job",
            "--http-port",
            str(args.http_port),
            "--limit-time-real",
            "3600",
            "--limit-time-cpu",
            "3600",
            "--limit-memory-soft",
            str(4 << 30),
            "--limit-memory-hard",
            str(6 << 30),
            "--logfile",
            str(log),
        ],
        env=odoo_env() | {"ODOO_QUEUE_JOB_CHANNELS": f"root:{args.workers}"},
    )
    peaks = {}
    try:
        time.sleep(15)
        out = subprocess.run(
            [
                sys.executable,
                "-c",
                START,
                args.config,
                args.database,
                str(args.run_stores),
            ],
            check=True,
            stdout=subprocess.PIPE,
            text=True,
            env=odoo_env(),
        )
        started = json.loads(out.stdout.strip().splitlines()[-1])
        run_id = started["run_id"]
        print(f"run {run_id}: {started['stores']} stores queued")
        t0 = time.perf_counter()
        state = "running"
        while state == "running":
            if time.perf_counter() - t0 > args.timeout:
                print(f"timeout after {args.timeout} s")
                break
            time.sleep(1)
            for pid in children(server.pid):
                mem = memory(pid)
                if mem:
                    rss, hwm, cmdline = mem
                    old = peaks.get(pid, (0, 0, cmdline))
                    peaks[pid] = (max(old[0], rss), max(old[1], hwm), cmdline)
            state = sql(args, f"SELECT state FROM boh_forecast_run WHERE id = {run_id}")  # noqa: S608
            if int(time.perf_counter() - t0) % 60 == 0:
                done = sql(
                    args,
                    "SELECT count(*) FILTER (WHERE state IN ('done', 'failed')),"  # noqa: S608
                    " count(*) FROM boh_forecast_run_store"
                    f" WHERE run_id = {run_id}",
                )
                print(f"  {time.perf_counter() - t0:6.0f} s: {done} jobs finished")
        wall = time.perf_counter() - t0
        print(f"run state {state} after {wall:.0f} s (wall time seen by the bench)")
        print(
            sql(
                args,
                "SELECT 'run: ' || state || ', ' || series_count || ' series, '"  # noqa: S608
                " || forecast_count || ' forecast rows, ' || error_count"
                " || ' errors, ' || round(extract(epoch FROM date_finished -"
                " date_started)) || ' s from start to end (run record), models '"
                f" || model_counts::text FROM boh_forecast_run WHERE id = {run_id}",
            )
        )
        print(
            sql(
                args,
                "SELECT 'jobs: ' || count(*) || ', mean ' || round(avg(duration)"  # noqa: S608
                "::numeric, 1) || ' s, max ' || round(max(duration)::numeric, 1)"
                " || ' s, failed ' || count(*) FILTER (WHERE state = 'failed')"
                f" FROM boh_forecast_run_store WHERE run_id = {run_id}",
            )
        )
        for pid, (rss, hwm, cmdline) in sorted(peaks.items()):
            print(f"  pid {pid}: peak RSS {max(rss, hwm):7.0f} MB  {cmdline}")
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(60)
        except subprocess.TimeoutExpired:
            server.kill()
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("load", "run"):
        p = sub.add_parser(name)
        p.add_argument("-c", "--config", required=True)
        p.add_argument("-d", "--database", required=True)
    load = sub.choices["load"]
    load.add_argument("--stores", type=int, default=200)
    load.add_argument("--products", type=int, default=500)
    load.add_argument("--days", type=int, default=730)
    load.add_argument("--suppliers", type=int, default=30)
    load.add_argument("--seed", type=int, default=42)
    run = sub.choices["run"]
    run.add_argument("--workers", type=int, default=2)
    run.add_argument("--run-stores", type=int, default=0, help="0: every store")
    run.add_argument("--timeout", type=int, default=1800)
    run.add_argument("--http-port", type=int, default=8769)
    run.add_argument("--logfile", default="odoo-forecast-run.log")
    run.add_argument("--db-host", default="127.0.0.1")
    run.add_argument("--db-port", type=int, default=5432)
    run.add_argument("--db-user", default="odoo")
    args = parser.parse_args()
    print(f"command: python3 bench/forecast_run.py {' '.join(sys.argv[1:])}")
    return cmd_load(args) if args.command == "load" else cmd_run(args)


if __name__ == "__main__":
    sys.exit(main())
