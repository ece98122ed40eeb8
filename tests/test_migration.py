"""A database of the previous release upgrades to this one without losing data.

Release 18.0.1.0.0 kept counts, waste, receiving, claims and central-kitchen
manufacturing in boh_ordering and the ordering side of forecasting in
boh_forecast. This release moves them into addons of their own; the migration
scripts of boh_ordering and boh_forecast (``migrations/18.0.1.1.0``) hand the
models and records over to the new addons and install them.

The test installs the addons of the previous release (taken from git at
``PREVIOUS_RELEASE``) on a database of its own, creates a record in every
moved model, then upgrades the database with this tree's addons the way an
administrator does (``-u boh_base``, which upgrades every BOH addon). After
the upgrade the new addons are installed, own their models, the records and
every column are still there, the sequences continue where they were, and
nothing was logged as an error.
"""

import configparser
import json
import subprocess
import sys
import tarfile
from io import BytesIO
from pathlib import Path

import pytest
from boh_harness import ROOT, drop_database, error_lines, harness_env, query

# The last commit of release 18.0.1.0.0 (before the addon cut).
PREVIOUS_RELEASE = "98ac222bc6bafc5adc70e5e5d425d69916b16352"
# What the previous release installs (its glue addons come automatically).
OLD_ADDONS = "boh_ordering,boh_forecast,boh_supply,boh_inspection"
# New addon -> (the addon it came from, the models that moved into it).
MOVED = {
    "boh_store_ops": (
        "boh_ordering",
        ["boh.stock.count", "boh.stock.count.line", "boh.waste"],
    ),
    "boh_receiving": ("boh_ordering", ["boh.claim"]),
    "boh_ordering_mrp": ("boh_ordering", ["boh.kitchen.production"]),
    "boh_forecast_ordering": ("boh_forecast", ["boh.forecast.value.added"]),
}
# Entries Odoo makes for every addon that defines or extends a model.
REFLECTED = [
    "ir.model",
    "ir.model.fields",
    "ir.model.fields.selection",
    "ir.model.inherit",
    "ir.model.constraint",
    "ir.model.relation",
]
# Tables whose columns must all survive the upgrade.
TABLE_PATTERNS = ("boh\\_%", "stock\\_%", "purchase\\_%", "mrp\\_%")

SEED = """
import json
Store = env["boh.store"]
store = Store.create({"name": "Upgrade Store", "code": "UPG", "store_type": "store"})
cw = Store.create(
    {"name": "Upgrade Warehouse", "code": "UPW", "store_type": "warehouse"}
)
product = env["product.product"].create(
    {"name": "Upgrade Flour", "is_storable": True, "standard_price": 2.0}
)
env["boh.order.guide"].create({
    "name": "Upgrade Guide",
    "store_ids": [(6, 0, store.ids)],
    "line_ids": [(0, 0, {
        "product_id": product.id,
        "source_type": "central_warehouse",
        "source_store_id": cw.id,
    })],
})
env["stock.quant"]._update_available_quantity(product, store.lot_stock_id, 10.0)
count = env["boh.stock.count"].create({"store_id": store.id})
count.action_load_guide()
count.line_ids.qty_counted = 8.0
count.action_post()
waste = env["boh.waste"].create(
    {"store_id": store.id, "product_id": product.id, "quantity": 1.0,
     "reason": "expired"}
)
waste.action_post()
order = env["boh.store.order"].create({
    "store_id": store.id,
    "source_type": "central_warehouse",
    "source_store_id": cw.id,
    "delivery_date": "2030-01-07",
    "line_ids": [(0, 0, {"product_id": product.id, "qty_ordered": 3.0})],
})
claim = env["boh.claim"].create({
    "store_id": store.id,
    "product_id": product.id,
    "qty_claimed": 2.0,
    "price_unit": 2.0,
    "reason": "damaged",
})
claim.action_open()
value_added = env["boh.forecast.value.added"].create({
    "order_line_id": order.line_ids.id,
    "order_id": order.id,
    "store_id": store.id,
    "product_id": product.id,
    "company_id": env.company.id,
    "forecast": 2.5,
    "ordered": 3.0,
})
orderpoint = env["stock.warehouse.orderpoint"].create({
    "warehouse_id": cw.warehouse_id.id,
    "location_id": cw.lot_stock_id.id,
    "product_id": product.id,
    "product_min_qty": 4.0,
    "product_max_qty": 9.0,
    "boh_forecast_managed": True,
    "boh_forecast_date": "2030-01-01",
})
env.cr.commit()
print("SEED " + json.dumps({
    "boh.stock.count": count.ids,
    "boh.stock.count.line": count.line_ids.ids,
    "boh.waste": waste.ids,
    "boh.store.order": order.ids,
    "boh.forecast.value.added": value_added.ids,
    "boh.claim": claim.ids,
    "orderpoint": orderpoint.id,
    "store": store.id,
    "product": product.id,
    "names": {
        "boh.stock.count": count.name,
        "boh.waste": waste.name,
        "boh.claim": claim.name,
    },
}))
"""

AFTER = """
import json
seed = json.loads({seed!r})
waste = env["boh.waste"].create({{
    "store_id": seed["store"], "product_id": seed["product"], "quantity": 1.0,
    "reason": "damaged",
}})
waste.action_post()
count = env["boh.stock.count"].create({{"store_id": seed["store"]}})
count.action_load_guide()
claim = env["boh.claim"].create({{
    "store_id": seed["store"], "product_id": seed["product"], "qty_claimed": 1.0,
    "price_unit": 2.0, "reason": "short",
}})
print("AFTER " + json.dumps({{
    "names": {{
        "boh.stock.count": count.name,
        "boh.waste": waste.name,
        "boh.claim": claim.name,
    }},
    "waste_state": waste.state,
    "count_lines": len(count.line_ids),
}}))
"""


def _odoo(config, db, log, *args, command="server", stdin=None):
    open(log, "w").close()
    res = subprocess.run(
        [
            sys.executable,
            "-m",
            "odoo",
            command,
            "-c",
            config,
            "-d",
            db,
            f"--logfile={log}",
            "--no-http",
            *args,
        ],
        input=stdin,
        text=True,
        capture_output=True,
        timeout=2400,
    )
    errors = error_lines(log)
    assert res.returncode == 0 and not errors, (
        "\n\n".join(errors[:5])
        or Path(log).read_text(encoding="utf-8")[-4000:]
        or res.stderr[-4000:]
    )
    return res.stdout


def _tagged(output, tag):
    for line in output.splitlines():
        if line.startswith(tag + " "):
            return json.loads(line[len(tag) + 1 :])
    raise AssertionError(f"no {tag} line in the output:\n{output[-3000:]}")


def _previous_release(work):
    """The addons of the previous release, from git, and a configuration that
    loads them instead of this tree's."""
    try:
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", PREVIOUS_RELEASE, "addons"],
            capture_output=True,
            check=True,
        ).stdout
    except subprocess.CalledProcessError as exc:
        pytest.fail(
            f"commit {PREVIOUS_RELEASE} (release 18.0.1.0.0) is not in this clone:"
            f" the upgrade test needs the history ({exc.stderr.decode()[-300:]})"
        )
    target = Path(work) / "previous_release"
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    parser = configparser.ConfigParser()
    parser.read(harness_env("BOH_TEST_CONFIG"))
    ours = str(ROOT / "addons")
    paths = [p.strip() for p in parser["options"]["addons_path"].split(",")]
    assert ours in paths, paths
    parser["options"]["addons_path"] = ",".join(
        str(target / "addons") if p == ours else p for p in paths
    )
    config = Path(work) / "previous_release.conf"
    with open(config, "w", encoding="utf-8") as handle:
        parser.write(handle)
    return str(config)


def _columns(db):
    where = " OR ".join("table_name LIKE %s" for _ in TABLE_PATTERNS)
    return set(
        query(
            db,
            "SELECT table_name, column_name FROM information_schema.columns"
            f" WHERE table_schema = 'public' AND ({where})",  # noqa: S608
            TABLE_PATTERNS,
        )
    )


def _xmlids(db):
    """{(module, name): (model, res_id)} of the BOH addons' data records."""
    rows = query(
        db,
        "SELECT module, name, model, res_id FROM ir_model_data"
        " WHERE module LIKE 'boh%%' AND model != ALL(%s)",
        (REFLECTED,),
    )
    return {(module, name): (model, res_id) for module, name, model, res_id in rows}


@pytest.fixture(scope="module")
def upgrade_db():
    db = harness_env("BOH_TEST_DB") + "_upgrade"
    yield db
    drop_database(db)


def test_upgrade_from_previous_release(upgrade_db):
    work = harness_env("BOH_TEST_WORK")
    old_config = _previous_release(work)
    _odoo(
        old_config,
        upgrade_db,
        f"{work}/upgrade_install.log",
        "-i",
        OLD_ADDONS,
        "--without-demo=all",
        "--stop-after-init",
    )
    seed = _tagged(
        _odoo(
            old_config,
            upgrade_db,
            f"{work}/upgrade_seed.log",
            command="shell",
            stdin=SEED,
        ),
        "SEED",
    )
    columns = _columns(upgrade_db)
    xmlids_before = _xmlids(upgrade_db)

    config = harness_env("BOH_TEST_CONFIG")
    _odoo(
        config,
        upgrade_db,
        f"{work}/upgrade.log",
        "-u",
        "boh_base",
        "--stop-after-init",
    )

    states = dict(
        query(
            upgrade_db,
            "SELECT name, state FROM ir_module_module WHERE name = ANY(%s)",
            (list(MOVED),),
        )
    )
    assert states == dict.fromkeys(MOVED, "installed")
    for module, (old, models) in MOVED.items():
        owners = query(
            upgrade_db,
            "SELECT m.model, array_agg(DISTINCT d.module) FROM ir_model m"
            " JOIN ir_model_data d ON d.model = 'ir.model' AND d.res_id = m.id"
            " WHERE m.model = ANY(%s) GROUP BY m.model",
            (models,),
        )
        # The new addon defines the model, the old one no longer does (addons
        # that extend the model are listed too).
        owners = dict(owners)
        assert set(owners) == set(models), owners
        for model, modules in owners.items():
            assert module in modules and old not in modules, (model, modules)
        for model in models:
            if model not in seed:
                continue  # built when a user opens it: nothing stored to keep
            table = model.replace(".", "_")
            ids = seed[model]
            found = query(
                upgrade_db,
                f'SELECT id FROM "{table}" WHERE id = ANY(%s)',  # noqa: S608
                (ids,),
            )
            assert sorted(row[0] for row in found) == sorted(ids), model
    # Stored fields the moved code adds to models that stay keep their values.
    managed = query(
        upgrade_db,
        "SELECT boh_forecast_managed, boh_forecast_date::text"
        " FROM stock_warehouse_orderpoint WHERE id = %s",
        (seed["orderpoint"],),
    )
    assert managed == [(True, "2030-01-01")]
    missing = columns - _columns(upgrade_db)
    assert not missing, f"columns lost in the upgrade: {sorted(missing)}"
    # Menus, views, actions, rules and sequences were handed over, not
    # deleted and created again: the XML ids that left the old addon point at
    # the same records in the new one.
    xmlids_after = _xmlids(upgrade_db)
    for module, (old, _models) in MOVED.items():
        moved = {
            name: entry
            for (owner, name), entry in xmlids_after.items()
            if owner == module
            and (old, name) in xmlids_before
            and (old, name) not in xmlids_after
        }
        assert moved, f"no record moved from {old} to {module}"
        recreated = {
            name for name, entry in moved.items() if xmlids_before[(old, name)] != entry
        }
        assert not recreated, (module, sorted(recreated))

    after = _tagged(
        _odoo(
            config,
            upgrade_db,
            f"{work}/upgrade_after.log",
            command="shell",
            stdin=AFTER.format(seed=json.dumps(seed)),
        ),
        "AFTER",
    )
    assert after["waste_state"] == "done"
    assert after["count_lines"] == 1
    for model, name in seed["names"].items():
        # The sequences continue: the next reference follows the old one.
        assert after["names"][model] > name, (model, name, after["names"][model])
