"""Paths, constants and small helpers shared by every part of the tool."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ADDONS = ROOT / "addons"
ENGINE = ROOT / "engine"
STATE = ROOT / ".boh"
ODOO_SERIES = "18.0"
# Odoo's official 18.0 Community source, used only when no Odoo 18.0 is importable.
ODOO_SOURCE = "https://nightly.odoo.com/18.0/nightly/src/odoo_18.0.latest.tar.gz"
DB_USER = "boh"
RUN_DB = "boh"
APT_PACKAGES = {
    "chromium": ["chromium"],
    "build": [
        "build-essential",
        "python3-dev",
        "libpq-dev",
        "libldap2-dev",
        "libsasl2-dev",
        "libxml2-dev",
        "libxslt1-dev",
        "libjpeg-dev",
    ],
    "postgresql": ["postgresql"],
    "reports": ["wkhtmltopdf", "fonts-noto-cjk"],
}


class BohError(Exception):
    """An error the user can act on; printed without a traceback."""


def say(msg):
    print(f"boh: {msg}", flush=True)


def python_exe():
    return os.environ.get("BOH_PYTHON") or shutil.which("python3") or sys.executable


def run(cmd, check=True, **kw):
    return subprocess.run(cmd, check=check, **kw)


def is_root():
    return hasattr(os, "geteuid") and os.geteuid() == 0


def apt_install(packages):
    if not (is_root() and shutil.which("apt-get")):
        return False
    say(f"installing Debian packages: {' '.join(packages)}")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    run(["apt-get", "update", "-qq"], check=False, env=env)
    res = run(["apt-get", "install", "-y", "-qq", *packages], check=False, env=env)
    return res.returncode == 0


def python_env(extra=None):
    """Environment for Odoo and pytest: the engine of this checkout comes first."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(ENGINE)] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else [])
    )
    env.update(extra or {})
    return env
