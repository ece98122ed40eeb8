"""Access to the throwaway database that `./boh test` prepared."""

import configparser
import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOG_ERROR_RE = re.compile(r"^\S+ \S+ \d+ (ERROR|CRITICAL) |^Traceback \(most recent")


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
    lines = Path(path).read_text(errors="replace").splitlines()
    return [
        "\n".join(lines[i : i + 12])
        for i, line in enumerate(lines)
        if LOG_ERROR_RE.search(line)
    ]
