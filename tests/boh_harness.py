"""Access to the throwaway database that `./boh test` prepared, and to the tool."""

import configparser
import importlib.util
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def boh_tool():
    """tools/boh.py as a module: the tests use its log scanner and commands."""
    spec = importlib.util.spec_from_file_location("boh_tool", ROOT / "tools" / "boh.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


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
    return boh_tool().scan_log(path)
