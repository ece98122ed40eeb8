"""The flows hold with the optional addons absent.

The main suite runs with every BOH addon installed. Here a database of its own
gets only what a chain that does not use forecasting, inspections or the
supplier portal would install, and Odoo's own test runner runs the flow tests
in it: first boh_ordering and boh_receiving alone (central warehouse, central
kitchen and supplier orders without boh_forecast, boh_supply, boh_inspection,
nor Manufacturing: the kitchen delivers from its stock), then the supplier
portal on top (test_boh_flows: every source type end to end, without
boh_forecast, boh_forecast_pos, boh_supply_forecast, boh_inspection), then
food cost and the supplier statements without the stores' accounting
(boh_recipe, boh_food_cost and boh_supply_statement tests without
boh_store_account).
"""

import re
import socket
import subprocess
import sys

import pytest
from boh_harness import drop_database, error_lines, harness_env, query

# (addons to install, test tags to run, addons that must stay absent)
STEPS = [
    (
        "boh_ordering,boh_receiving",
        ",".join(
            [
                f"/boh_ordering:{cls}"
                for cls in (
                    "TestScheduleFlows",
                    "TestLateApprovalAttacks",
                    "TestQtyToShip",
                    "TestCentralSupply",
                    "TestOrderSource",
                )
            ]
            + [
                f"/boh_receiving:{cls}"
                for cls in ("TestDamagedReceiving", "TestReceivingLots")
            ]
        ),
        (
            "boh_forecast",
            "boh_supply",
            "boh_inspection",
            "boh_supply_ordering",
            "mrp",
            "boh_ordering_mrp",
        ),
    ),
    (
        "test_boh_flows",
        "/test_boh_flows,/boh_supply_ordering:TestReceiveExpiry",
        ("boh_forecast", "boh_forecast_pos", "boh_supply_forecast", "boh_inspection"),
    ),
    (
        "boh_food_cost,boh_supply_statement",
        "/boh_recipe,/boh_food_cost,/boh_supply_statement",
        ("boh_store_account", "boh_inspection"),
    ),
]
RESULT_RE = re.compile(r"(\d+) failed, (\d+) error\(s\) of (\d+) tests")
SKIP_RE = re.compile(r"^\S+ \S+ \d+ INFO \S+ \S+: skipped (.*)$", re.M)


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _installed(db, names):
    rows = query(
        db,
        "SELECT name FROM ir_module_module WHERE state = 'installed' AND name IN %s",
        (tuple(names),),
    )
    return {row[0] for row in rows}


@pytest.fixture(scope="module")
def subset_db():
    db = harness_env("BOH_TEST_DB") + "_optional"
    yield db
    drop_database(db)


@pytest.mark.parametrize(
    ("install", "tags", "absent"), STEPS, ids=["ordering", "supply", "food_cost"]
)
def test_flows_without_optional_addons(subset_db, install, tags, absent):
    config = harness_env("BOH_TEST_CONFIG")
    work = harness_env("BOH_TEST_WORK")
    log = f"{work}/optional_{install}.log"
    open(log, "w").close()
    res = subprocess.run(
        [
            sys.executable,
            "-m",
            "odoo",
            "server",
            "-c",
            config,
            "-d",
            subset_db,
            "-i",
            install,
            "--without-demo=all",
            "--test-enable",
            f"--test-tags={tags}",
            f"--http-port={_free_port()}",
            # A chain's server has a sender address for its notifications
            # (Odoo logs an error for each one it cannot send otherwise); the
            # full suite's database gets one from the addons installed there.
            "--email-from=notifications@boh.example.com",
            "--stop-after-init",
            f"--logfile={log}",
            "--log-level=info",
        ],
        text=True,
        capture_output=True,
        timeout=2400,
    )
    text = open(log, encoding="utf-8").read()
    errors = error_lines(log)
    assert res.returncode == 0 and not errors, (
        "\n\n".join(errors[:5]) or text[-4000:] or res.stderr[-4000:]
    )
    results = RESULT_RE.findall(text)
    ran = sum(int(total) for _failed, _errors, total in results)
    assert ran > 0, f"no test ran for {tags}: " + text[-2000:]
    assert all(f == "0" and e == "0" for f, e, _t in results), results
    skipped = SKIP_RE.findall(text)
    assert not skipped, f"tests were skipped (a browser tour needs Chromium): {skipped}"
    assert not _installed(subset_db, absent), "an optional addon got installed"
