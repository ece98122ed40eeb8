"""Access to the throwaway database that `./boh test` prepared, and to the tool."""

import configparser
import importlib
import os
import sys
from pathlib import Path

import psycopg2

ROOT = Path(__file__).resolve().parents[1]
TOOL_MODULES = (
    "cli",
    "commands.lint",
    "commands.run",
    "common",
    "lint_tools",
    "logs",
    "odoo_install",
    "readme",
    "xml_check",
)


def boh_tool():
    """The package tools/boh (what ./boh runs), its modules imported: the tests
    use its log scanner, its checks and its commands (tool.logs.scan_log...)."""
    tools = str(ROOT / "tools")
    if tools not in sys.path:
        sys.path.insert(0, tools)
    for name in TOOL_MODULES:
        importlib.import_module(f"boh.{name}")
    return sys.modules["boh"]


def harness_env(name):
    value = os.environ.get(name)
    if not value:
        raise RuntimeError(
            f"{name} is not set: run the tests through `./boh test`, which prepares"
            " the database, the Odoo configuration and the log"
        )
    return value


def odoo_options():
    parser = configparser.ConfigParser()
    parser.read(harness_env("BOH_TEST_CONFIG"))
    return parser["options"]


def error_lines(path):
    return boh_tool().logs.scan_log(path)


def query(db, sql, params=None):
    """Rows of ``sql`` on the database ``db`` of the test cluster (autocommit)."""
    opts = odoo_options()
    conn = psycopg2.connect(
        host=opts["db_host"], port=opts["db_port"], user=opts["db_user"], dbname=db
    )
    conn.autocommit = True
    try:
        with conn.cursor() as cr:
            cr.execute(sql, params)
            return cr.fetchall() if cr.description else []
    finally:
        conn.close()


def drop_database(db):
    query("postgres", f'DROP DATABASE IF EXISTS "{db}"')
