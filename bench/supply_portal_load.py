#!/usr/bin/env python3
"""Load benchmark of the supplier portal: p95 of the PO list and scorecard.

Runs against a locally started Odoo (loopback only) with workers, e.g.
``odoo -d boh --workers 4 --http-interface 127.0.0.1``, on a database with
the demo chain (portal users ``supplier1``... with password = login).
Bounded: ``--requests`` in total, ``--timeout`` per request.

Each of the ``--concurrency`` virtual users has its own session and sends its
share of the requests one after the other.  ``--think`` is the mean pause (in
seconds, exponentially distributed) of a user between two pages, as a person
reading the page would; 0 (the default) is a stress test with no pause.
"""

import argparse
import http.cookiejar
import json
import random
import statistics
import sys
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

PAGES = {"po_list": "/my/purchase", "scorecard": "/my/boh/scorecard"}


def check_loopback(url):
    host = urllib.parse.urlparse(url).hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit(f"refusing to load {host}: loopback only")


def login(url, db, user, timeout):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    payload = json.dumps(
        {"jsonrpc": "2.0", "params": {"db": db, "login": user, "password": user}}
    ).encode()
    request = urllib.request.Request(
        f"{url}/web/session/authenticate",
        data=payload,
        headers={"Content-Type": "application/json"},
    )
    with opener.open(request, timeout=timeout) as response:
        result = json.load(response)
    if "error" in result:
        raise SystemExit(f"cannot sign in as {user}: {result['error']}")
    return opener


def fetch(opener, url, timeout):
    started = time.perf_counter()
    with opener.open(url, timeout=timeout) as response:
        response.read()
        status = response.status
    return time.perf_counter() - started, status


def percentile(values, pct):
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered)) - 1))
    return ordered[index]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", default="http://127.0.0.1:8069")
    parser.add_argument("--db", default="boh")
    parser.add_argument("--users", default="supplier1,supplier2,supplier3")
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument(
        "--think", type=float, default=0.0, help="mean pause between pages (s)"
    )
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    check_loopback(args.url)
    users = args.users.split(",")
    openers = [
        login(args.url, args.db, users[i % len(users)], args.timeout)
        for i in range(args.concurrency)
    ]
    pages = list(PAGES.items())
    timings = {name: [] for name in PAGES}
    errors = [0]
    rng = random.Random(args.seed)
    pauses = [
        [rng.expovariate(1.0 / args.think) if args.think else 0.0 for _j in range(n)]
        for n in (
            args.requests // args.concurrency
            + (1 if i < args.requests % args.concurrency else 0)
            for i in range(args.concurrency)
        )
    ]

    def user_session(index):
        opener = openers[index]
        for count, pause in enumerate(pauses[index]):
            time.sleep(pause)
            name, path = pages[(index + count) % len(pages)]
            try:
                elapsed, status = fetch(opener, args.url + path, args.timeout)
            except Exception:  # noqa: BLE001 - a failed request is counted
                errors[0] += 1
                continue
            if status != 200:
                errors[0] += 1
            timings[name].append(elapsed)

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=args.concurrency) as pool:
        list(pool.map(user_session, range(args.concurrency)))
    total = time.perf_counter() - started
    print(
        f"{args.requests} requests, {args.concurrency} concurrent users,"
        f" think time {args.think} s, {total:.1f} s"
    )
    for name, values in timings.items():
        if values:
            print(
                f"{name}: n={len(values)} p50={statistics.median(values) * 1000:.0f} ms"
                f" p95={percentile(values, 95) * 1000:.0f} ms"
                f" max={max(values) * 1000:.0f} ms"
            )
    print(f"errors: {errors[0]}")
    return 1 if errors[0] else 0


if __name__ == "__main__":
    sys.exit(main())
