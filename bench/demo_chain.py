#!/usr/bin/env python3
"""Benchmark of the demo-chain generator and of its loader into Odoo.

    python3 bench/demo_chain.py --stores 200 --products 1000 --days 365

Step 1 generates the chain as plain data (no Odoo) in a child process and
reports its wall time and peak memory. Step 2 starts a throwaway PostgreSQL
cluster, installs boh_base without demo data, and loads the master data of the
same chain through the ORM (regions, sites with their warehouses, suppliers,
products with supplier prices and packagings, users per role), reporting the
wall time of each loader step and the peak memory of the Odoo process.
Nothing is kept: the cluster and its folder are removed at the end.
"""

import argparse
import importlib
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

GENERATE = r"""
import json, resource, sys, time
sys.path.insert(0, sys.argv[1])
from chain_generator import generate_chain
params = json.loads(sys.argv[2])
t0 = time.perf_counter()
chain = generate_chain(**params)
seconds = time.perf_counter() - t0
print(json.dumps({
    "seconds": seconds,
    "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "store_days": int(chain.sales.size),
    "units_sold": int(chain.sales.sum()),
    "stockout_share": float(chain.stockout.mean()),
}))
"""

LOAD = r"""
import json, resource, sys, time
import odoo
from odoo import api, SUPERUSER_ID
config, db, params = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
odoo.tools.config.parse_config(["-c", config, "-d", db])
registry = odoo.modules.registry.Registry(db)
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
with registry.cursor() as cr:
    env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
    t0 = time.perf_counter()
    result = env["boh.demo.loader"].load_chain(**params)
    env.flush_all()
    total = time.perf_counter() - t0
    steps = ("regions", "sites", "suppliers", "products", "users")
    counts = {k: len(result[k]) for k in steps}
    cr.commit()
print(json.dumps({
    "timings": result["timings"], "total": total, "counts": counts,
    "rss_before_mb": before,
    "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}))
"""


def load_boh_tool():
    """The helpers of ./boh (the package tools/boh) that this benchmark uses."""
    if str(ROOT / "tools") not in sys.path:
        sys.path.insert(0, str(ROOT / "tools"))
    common = importlib.import_module("boh.common")
    config = importlib.import_module("boh.config")
    postgres = importlib.import_module("boh.postgres")
    return types.SimpleNamespace(
        python_exe=common.python_exe,
        python_env=common.python_env,
        server_for=postgres.server_for,
        write_config=config.write_config,
        odoo_cmd=config.odoo_cmd,
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stores", type=int, default=200)
    parser.add_argument("--products", type=int, default=1000)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--suppliers", type=int, default=30)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--generate-only", action="store_true")
    args = parser.parse_args()
    params = {
        "stores": args.stores,
        "products": args.products,
        "days": args.days,
        "suppliers": args.suppliers,
        "seed": args.seed,
    }
    print(f"command: python3 bench/demo_chain.py {' '.join(sys.argv[1:])}")
    lib = ROOT / "addons" / "boh_base" / "lib"
    out = subprocess.run(
        [sys.executable, "-c", GENERATE, str(lib), json.dumps(params)],
        check=True,
        capture_output=True,
        text=True,
    )
    gen = json.loads(out.stdout)
    print(
        f"generate  {gen['seconds']:8.1f} s  peak {gen['peak_rss_mb']:7.0f} MB"
        f"  ({gen['store_days']:,} store-product-days, {gen['units_sold']:,} units,"
        f" {gen['stockout_share']:.2%} stock-out days)"
    )
    if args.generate_only:
        return 0
    boh = load_boh_tool()
    python = boh.python_exe()
    work = Path(tempfile.mkdtemp(prefix="boh-bench-"))
    os.chmod(work, 0o755)
    server = boh.server_for(work)
    db = f"boh_bench_{secrets.token_hex(4)}"
    try:
        server.start()
        config = work / "odoo.conf"
        boh.write_config(
            config,
            server,
            work / "data",
            logfile=work / "odoo.log",
            extra={"without_demo": "all", "max_cron_threads": 0},
        )
        t0 = time.perf_counter()
        subprocess.run(
            boh.odoo_cmd(
                python, config, "-d", db, "-i", "boh_base", "--stop-after-init"
            ),
            check=True,
            env=boh.python_env(),
        )
        print(
            f"install   {time.perf_counter() - t0:8.1f} s  (boh_base and dependencies)"
        )
        out = subprocess.run(
            [python, "-c", LOAD, str(config), db, json.dumps(params)],
            check=True,
            capture_output=True,
            text=True,
            env=boh.python_env(),
        )
        load = json.loads(out.stdout.strip().splitlines()[-1])
        for step, seconds in load["timings"].items():
            count = load["counts"].get(step, "")
            print(f"  {step:9s}{seconds:8.1f} s  {count}")
        print(
            f"load      {load['total']:8.1f} s  peak {load['peak_rss_mb']:7.0f} MB"
            f" (Odoo process; {load['rss_before_mb']:.0f} MB before loading)"
        )
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
