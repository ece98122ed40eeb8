"""The demo chain of `./boh run`, installed the way `./boh run` installs it.

The addons of a database install in one pass and each loads its demo data as
it comes, so an addon's part of the demo must not depend on addons loaded
after it. Here a database of its own gets what `./boh run` gives a new
machine (the tool's own ``prepare_run_db``: base in English and Chinese, the
demo company in Shanghai with China's chart of accounts, then every BOH
addon with demo data in one pass), and each addon's part of the demo chain
must be there, with no error in the log.
"""

import configparser

from boh_harness import boh_tool, drop_database, error_lines, harness_env, query

# (what, query, minimum): each addon's part of the demo chain
EXPECTED = [
    (
        "users of every store role",
        "SELECT count(*) FROM res_users WHERE login LIKE 'sm.%%'"
        " OR login LIKE 'staff.%%' OR login LIKE 'am.%%'",
        12,
    ),
    (
        "supplier portal users (boh_supply)",
        "SELECT count(*) FROM res_users WHERE login LIKE 'supplier%%'",
        5,
    ),
    (
        "purchase orders of the chain's suppliers (boh_supply)",
        "SELECT count(*) FROM purchase_order po JOIN res_users u"
        " ON u.login LIKE 'supplier%%' JOIN res_partner c ON c.id = u.partner_id"
        " WHERE po.partner_id = c.parent_id",
        50,
    ),
    ("order guides (boh_ordering)", "SELECT count(*) FROM boh_order_guide", 2),
    ("store orders (boh_ordering)", "SELECT count(*) FROM boh_store_order", 1),
    (
        "posted counts (boh_store_ops)",
        "SELECT count(*) FROM boh_stock_count WHERE state = 'done'",
        6,
    ),
    ("waste (boh_store_ops)", "SELECT count(*) FROM boh_waste", 6),
    (
        "claims against suppliers (boh_supply_claim)",
        "SELECT count(*) FROM boh_claim WHERE partner_id IS NOT NULL",
        1,
    ),
    ("inspections (boh_inspection)", "SELECT count(*) FROM boh_inspection", 6),
    ("forecasts (boh_forecast)", "SELECT count(*) FROM boh_forecast", 100),
    (
        "menu items with a recipe (boh_recipe)",
        "SELECT count(*) FROM product_template WHERE default_code LIKE 'BOH-MENU-%%'"
        " AND sale_ok",
        10,
    ),
    (
        "computed food cost periods (boh_food_cost)",
        "SELECT count(*) FROM boh_food_cost_period WHERE state = 'computed'",
        6,
    ),
    (
        "statements sent to suppliers (boh_supply_statement)",
        "SELECT count(*) FROM boh_supplier_statement WHERE state = 'sent'",
        1,
    ),
    (
        "waste booked by store (boh_store_account)",
        "SELECT count(*) FROM boh_waste WHERE account_move_id IS NOT NULL",
        1,
    ),
]


class _Server:
    """What the tool asks of its PostgreSQL server, on the test cluster."""

    def psql(self, sql, db="postgres"):
        return "\n".join("|".join(map(str, row)) for row in query(db, sql))


def test_demo_chain_installs_like_boh_run(tmp_path):
    tool = boh_tool()
    run = tool.commands.run
    parser = configparser.ConfigParser()
    parser.read(harness_env("BOH_TEST_CONFIG"))
    parser["options"]["without_demo"] = "False"
    config = tmp_path / "demo.conf"
    with open(config, "w") as out:
        parser.write(out)
    db = harness_env("BOH_TEST_DB") + "_demo"
    drop_database(db)
    try:
        log = tmp_path / "install.log"
        run.prepare_run_db(tool.common.python_exe(), _Server(), config, db, log=log)
        errors = error_lines(log)
        assert not errors, "\n\n".join(errors[:5])
        missing = [
            f"{what}: {found} (at least {minimum})"
            for what, sql, minimum in EXPECTED
            for [(found,)] in [query(db, sql)]
            if found < minimum
        ]
        assert not missing, "the demo chain lacks " + "; ".join(missing)
    finally:
        drop_database(db)
