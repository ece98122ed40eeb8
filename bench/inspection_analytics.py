#!/usr/bin/env python3
"""Benchmark of the inspection analytics (graph and pivot views).

Loads 10,000 signed inspections (with their answers, section scores and
corrective actions) into a database where boh_inspection is installed, then
times the read_group calls behind the reporting menus, as an administrator
and as an area manager (with record rules).  Then times the server side of
the phone page on a visit of 150 items with 40 photos: opening it (one call)
and saving one answer, as the auditor.  Everything is rolled back.

    python3 bench/inspection_analytics.py -c ODOO_CONF -d DATABASE \
        [--inspections 10000] [--items 15] [--limit 2.0]

Exits with status 1 when a call takes longer than --limit seconds.
"""

import argparse
import base64
import statistics
import sys
import time

import odoo
from odoo import SUPERUSER_ID, api
from odoo.tools import SQL


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True, help="Odoo configuration")
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--inspections", type=int, default=10000)
    parser.add_argument("--items", type=int, default=15, help="items per inspection")
    parser.add_argument("--stores", type=int, default=20)
    parser.add_argument("--limit", type=float, default=2.0, help="seconds per call")
    parser.add_argument(
        "--conduct-rounds", type=int, default=20, help="timed calls of the phone page"
    )
    return parser.parse_args(argv)


def make_master_data(env, args):
    regions = env["boh.region"].create(
        [{"name": f"Bench Region {r}", "code": f"BR{r}"} for r in range(4)]
    )
    stores = env["boh.store"].create(
        [
            {
                "name": f"Bench Store {s}",
                "code": f"BS{s:03d}",
                "region_id": regions[s % len(regions)].id,
            }
            for s in range(args.stores)
        ]
    )
    auditor = env["res.users"].create(
        {
            "name": "Bench Auditor",
            "login": "bench_auditor",
            "groups_id": [(6, 0, [env.ref("boh_base.group_boh_area_manager").id])],
        }
    )
    regions[0].user_ids = auditor
    sections = 5
    per_section = max(1, args.items // sections)
    template = env["boh.inspection.template"].create(
        {
            "name": "Bench Audit",
            "section_ids": [
                (
                    0,
                    0,
                    {
                        "name": f"Section {s}",
                        "sequence": s,
                        "item_ids": [
                            (
                                0,
                                0,
                                {
                                    "name": f"Item {s}.{i}",
                                    "sequence": i,
                                    "weight": 1 + i % 3,
                                    "is_critical": i == 0,
                                },
                            )
                            for i in range(per_section)
                        ],
                    },
                )
                for s in range(sections)
            ],
        }
    )
    env.flush_all()
    return template, stores, auditor


def load_facts(env, template, stores, auditor, count):
    """Inspections, answers, section scores and actions in a few INSERTs."""
    cr = env.cr
    uid = env.uid
    cr.execute(
        SQL(
            """
            INSERT INTO boh_inspection (
                name, template_id, template_origin_key, store_id, region_id,
                company_id, auditor_id, kind, state, scheduled_date, date,
                date_signed, score, grade, passed, critical_failed, item_count,
                answered_count, failed_count, progress, create_uid, write_uid,
                create_date, write_date)
            SELECT 'BENCH/' || g, %(template)s, %(key)s, s.id, s.region_id,
                   s.company_id, %(uid)s, 'planned', 'signed',
                   CURRENT_DATE - mod(g, 720), CURRENT_DATE - mod(g, 720),
                   NOW() - make_interval(days => mod(g, 720)),
                   60 + mod(g * 7919, 41), 'B', TRUE, mod(g, 17) = 0, %(items)s,
                   %(items)s, mod(g, 4), 100, %(uid)s, %(uid)s, NOW(), NOW()
              FROM generate_series(1, %(count)s) g
              JOIN (SELECT st.id, st.region_id, w.company_id,
                           row_number() OVER (ORDER BY st.id) - 1 AS n
                      FROM boh_store st
                      JOIN stock_warehouse w ON w.id = st.warehouse_id
                     WHERE st.id = ANY(%(stores)s)) s
                ON s.n = mod(g, %(nstores)s)
            """,
            template=template.id,
            key=template.origin_key,
            items=len(template.item_ids),
            uid=uid,
            count=count,
            stores=stores.ids,
            nstores=len(stores),
        )
    )
    cr.execute(
        SQL(
            """
            INSERT INTO boh_inspection_answer (
                inspection_id, item_id, section_id, section_sequence,
                item_sequence, item_key, is_critical, template_id, store_id,
                region_id, date, state, answered, counts, score, earned,
                possible, is_failed, failed_count, is_repeat_failure,
                create_uid, write_uid, create_date, write_date)
            SELECT i.id, it.id, it.section_id, it.section_sequence, it.sequence,
                   it.key, it.is_critical, i.template_id, i.store_id,
                   i.region_id, i.date, 'signed', TRUE, TRUE,
                   CASE WHEN mod(i.id + it.id, 9) = 0 THEN 0 ELSE 1 END,
                   CASE WHEN mod(i.id + it.id, 9) = 0 THEN 0 ELSE it.weight END,
                   it.weight, mod(i.id + it.id, 9) = 0,
                   CASE WHEN mod(i.id + it.id, 9) = 0 THEN 1 ELSE 0 END,
                   mod(i.id + it.id, 27) = 0, %(uid)s, %(uid)s, NOW(), NOW()
              FROM boh_inspection i
              JOIN boh_inspection_item it ON it.template_id = i.template_id
             WHERE left(i.name, 6) = 'BENCH/'
            """,
            uid=uid,
        )
    )
    cr.execute(
        SQL(
            """
            INSERT INTO boh_inspection_section_score (
                inspection_id, section_id, section_sequence, template_id,
                store_id, region_id, date, score, earned, possible, is_scored,
                create_uid, write_uid, create_date, write_date)
            SELECT a.inspection_id, a.section_id, MIN(a.section_sequence),
                   MIN(a.template_id), MIN(a.store_id), MIN(a.region_id),
                   MIN(a.date), 100 * SUM(a.earned) / SUM(a.possible),
                   SUM(a.earned), SUM(a.possible), TRUE,
                   %(uid)s, %(uid)s, NOW(), NOW()
              FROM boh_inspection_answer a
              JOIN boh_inspection i ON i.id = a.inspection_id
             WHERE left(i.name, 6) = 'BENCH/'
             GROUP BY a.inspection_id, a.section_id
            """,
            uid=uid,
        )
    )
    cr.execute(
        SQL(
            """
            INSERT INTO boh_inspection_action (
                name, inspection_id, answer_id, item_id, item_key, section_id,
                store_id, region_id, template_id, auditor_id, severity,
                due_date, state, is_done, done_count, completion_rate,
                days_to_close,
                escalation_level, is_repeat, create_uid, write_uid,
                create_date, write_date)
            SELECT 'Fix', a.inspection_id, a.id, a.item_id, a.item_key,
                   a.section_id, a.store_id, a.region_id, a.template_id,
                   %(auditor)s, 'medium', a.date + 7,
                   CASE WHEN mod(a.id, 5) = 0 THEN 'open' ELSE 'done' END,
                   mod(a.id, 5) <> 0, CASE WHEN mod(a.id, 5) = 0 THEN 0 ELSE 1 END,
                   CASE WHEN mod(a.id, 5) = 0 THEN 0 ELSE 100 END,
                   CASE WHEN mod(a.id, 5) = 0 THEN NULL ELSE mod(a.id, 11) END,
                   0, a.is_repeat_failure, %(uid)s, %(uid)s, NOW(), NOW()
              FROM boh_inspection_answer a
              JOIN boh_inspection i ON i.id = a.inspection_id
             WHERE left(i.name, 6) = 'BENCH/' AND a.is_failed
            """,
            auditor=auditor.id,
            uid=uid,
        )
    )
    cr.execute(
        "ANALYZE boh_inspection, boh_inspection_answer,"
        " boh_inspection_section_score, boh_inspection_action"
    )
    env.invalidate_all()


CALLS = [
    (
        "score by store and month",
        "boh.inspection",
        [("state", "=", "signed")],
        ["store_id", "date:month"],
        ["score:avg"],
        None,
    ),
    (
        "score by region and month",
        "boh.inspection",
        [("state", "=", "signed")],
        ["region_id", "date:month"],
        ["score:avg"],
        None,
    ),
    (
        "score by template",
        "boh.inspection",
        [("state", "=", "signed")],
        ["template_id"],
        ["score:avg"],
        None,
    ),
    (
        "section score by section and month",
        "boh.inspection.section.score",
        [("is_scored", "=", True)],
        ["section_id", "date:month"],
        ["score:avg"],
        None,
    ),
    (
        "top failing items",
        "boh.inspection.answer",
        [("state", "=", "signed"), ("is_failed", "=", True)],
        ["item_id"],
        ["failed_count:sum"],
        "failed_count desc",
    ),
    (
        "repeat failures by store",
        "boh.inspection.answer",
        [("is_repeat_failure", "=", True)],
        ["store_id"],
        ["__count"],
        None,
    ),
    (
        "action completion by region",
        "boh.inspection.action",
        [],
        ["region_id"],
        ["completion_rate:avg", "done_count:sum", "days_to_close:avg"],
        None,
    ),
]


def run_calls(env, label, limit):
    worst = 0.0
    print(f"\n{label}")
    for name, model, domain, groupby, aggregates, order in CALLS:
        env.invalidate_all()
        started = time.perf_counter()
        groups = env[model].read_group(
            domain,
            [a for a in aggregates if a != "__count"],
            groupby,
            orderby=order,
            lazy=False,
        )
        elapsed = time.perf_counter() - started
        worst = max(worst, elapsed)
        flag = "OK " if elapsed < limit else "SLOW"
        print(f"  {flag} {elapsed * 1000:8.1f} ms  {len(groups):6d} groups  {name}")
    return worst


def run_conduct(env, stores, auditor, rounds):
    """Median time and queries of opening a 150-item visit and saving an answer."""
    template = env["boh.inspection.template"].create(
        {
            "name": "Bench Full Audit",
            "section_ids": [
                (
                    0,
                    0,
                    {
                        "name": f"Section {s}",
                        "sequence": s,
                        "item_ids": [
                            (0, 0, {"name": f"Item {s}.{i}", "sequence": i})
                            for i in range(15)
                        ],
                    },
                )
                for s in range(10)
            ],
        }
    )
    visit = env["boh.inspection"].create(
        {"template_id": template.id, "store_id": stores[0].id, "auditor_id": auditor.id}
    )
    png = base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=="
    )
    env["ir.attachment"].create(
        [
            {
                "name": f"p{a.id}.png",
                "raw": png,
                "res_model": "boh.inspection.answer",
                "res_id": a.id,
            }
            for a in visit.answer_ids[:40]
        ]
    )
    visit.action_start()
    items = template.item_ids
    as_auditor = env(user=auditor)
    visit = visit.with_env(as_auditor)
    Answer = as_auditor["boh.inspection.answer"]
    visit.get_conduct_data()  # warm the caches, as after a first request
    timings = {"open a 150-item visit (40 photos)": [], "save one answer": []}
    queries = {}
    for round_ in range(rounds):
        for name, call in (
            ("open a 150-item visit (40 photos)", visit.get_conduct_data),
            (
                "save one answer",
                lambda r=round_: Answer.action_save_answer(
                    {
                        "inspection_id": visit.id,
                        "item_id": items[r % len(items)].id,
                        "value_choice": "fail" if r % 2 else "pass",
                    }
                ),
            ),
        ):
            env.invalidate_all()
            before = env.cr.sql_log_count
            started = time.perf_counter()
            call()
            timings[name].append(time.perf_counter() - started)
            queries[name] = env.cr.sql_log_count - before
    print(f"\nphone page, as the auditor (median of {rounds} calls)")
    for name, values in timings.items():
        print(
            f"  {statistics.median(values) * 1000:8.1f} ms  {queries[name]:4d}"
            f" queries  {name}"
        )


def main(argv=None):
    args = parse_args(argv if argv is not None else sys.argv[1:])
    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database])
    registry = odoo.modules.registry.Registry(args.database)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        started = time.perf_counter()
        template, stores, auditor = make_master_data(env, args)
        load_facts(env, template, stores, auditor, args.inspections)
        counts = {
            model: env[model].search_count([])
            for model in (
                "boh.inspection",
                "boh.inspection.answer",
                "boh.inspection.section.score",
                "boh.inspection.action",
            )
        }
        print(f"loaded in {time.perf_counter() - started:.1f} s: {counts}")
        worst = run_calls(env, "as administrator (no record rule)", args.limit)
        worst = max(
            worst,
            run_calls(
                env(user=auditor),
                "as an area manager (record rules by region)",
                args.limit,
            ),
        )
        run_conduct(env, stores, auditor, args.conduct_rounds)
        cr.rollback()
    print(f"\nslowest call: {worst:.3f} s (limit {args.limit} s); rolled back")
    return 0 if worst < args.limit else 1


if __name__ == "__main__":
    sys.exit(main())
