"""Odoo's side: the BOH addons, the Odoo configuration file and command lines,
and what a database has installed."""

import re
from pathlib import Path

from .common import ADDONS, ROOT, BohError, python_env, run


def boh_addons(tests=False):
    """Every installable BOH addon, glue addons included, by folder name;
    with ``tests``, also the test-only addons (``test_*``)."""
    names = []
    for manifest in sorted(ADDONS.glob("*/__manifest__.py")):
        text = manifest.read_text()
        if re.search(r"[\"']installable[\"']\s*:\s*False", text):
            continue
        if manifest.parent.name.startswith("test_") and not tests:
            continue
        names.append(manifest.parent.name)
    return names


def write_config(
    path, server, data_dir, http_port=8069, logfile=None, extra=None, sections=None
):
    options = {
        "addons_path": str(ADDONS),
        "data_dir": str(data_dir),
        "db_host": server.host,
        "db_port": server.port,
        "db_user": server.user,
        "db_password": getattr(server, "password", "") or "False",
        "http_port": http_port,
        "http_interface": "127.0.0.1",
        "list_db": "False",
        "max_cron_threads": 1,
        "without_demo": "False",
    }
    template = ROOT / "config" / "odoo.conf.template"
    if template.exists():
        # Site-wide settings of the template; the lines above win.
        for line in template.read_text().splitlines():
            if "=" in line and not line.lstrip().startswith(("#", ";", "[")):
                key, value = (part.strip() for part in line.split("=", 1))
                options.setdefault(key, value)
    if logfile:
        options["logfile"] = str(logfile)
    options.update(extra or {})
    lines = ["[options]"] + [f"{key} = {value}" for key, value in options.items()]
    for section, values in (sections or {}).items():
        lines += ["", f"[{section}]"] + [f"{k} = {v}" for k, v in values.items()]
    Path(path).write_text("\n".join(lines) + "\n")


def odoo_cmd(python, config, *args, command="server"):
    return [python, "-m", "odoo", command, "-c", str(config), *args]


def install_addons(python, config, db, addons, *options):
    """Install ``addons`` into ``db`` with Odoo's command line and stop
    (``options``: more of its options); the finished process, for its
    return code."""
    return run(
        odoo_cmd(
            python,
            config,
            "-d",
            db,
            "-i",
            ",".join(addons),
            "--stop-after-init",
            *options,
        ),
        check=False,
        env=python_env(),
    )


def installed_modules(server, db):
    try:
        if not re.fullmatch(r"[\w-]+", db):
            raise BohError(f"invalid database name {db!r}")
        exists = server.psql(
            f"SELECT 1 FROM pg_database WHERE datname = '{db}'"  # noqa: S608 (checked above)
        )
    except BohError:
        return None
    if not exists:
        return None
    try:
        out = server.psql(
            "SELECT name FROM ir_module_module WHERE state = 'installed'", db=db
        )
    except BohError:
        return set()
    return set(out.split())
