"""Python side of the setup: Odoo 18.0, the OCA addons, the engine, the test tools,
and the system tools Odoo's tests need (Chromium, wkhtmltopdf)."""

import glob
import os
import shutil
import tarfile
import urllib.request
from pathlib import Path

from .common import (
    APT_PACKAGES,
    ODOO_SERIES,
    ODOO_SOURCE,
    ROOT,
    STATE,
    BohError,
    apt_install,
    python_env,
    run,
    say,
)


def odoo_series(python):
    code = "import odoo.release, odoo.tools; print(odoo.release.series)"
    res = run([python, "-c", code], check=False, capture_output=True, text=True)
    return res.stdout.strip() if res.returncode == 0 else None


def pip_env():
    """Constrain builds: several pinned Odoo requirements need setuptools<70."""
    constraint = STATE / "pip-constraints.txt"
    STATE.mkdir(exist_ok=True)
    constraint.write_text("setuptools<70\n")
    return dict(os.environ, PIP_CONSTRAINT=str(constraint))


def pip_install(python, args):
    # cwd: requirements.txt names the engine as ./engine
    res = run(
        [python, "-m", "pip", "install", *args], check=False, env=pip_env(), cwd=ROOT
    )
    if res.returncode:
        raise BohError(f"pip install {' '.join(args)} failed (see above)")


def install_odoo(python):
    """Install Odoo 18.0 Community from its official source (non-editable)."""
    source = os.environ.get("BOH_ODOO_SOURCE", ODOO_SOURCE)
    say(
        f"Odoo {ODOO_SERIES} is not importable by {python}; installing it from {source}"
    )
    apt_install(APT_PACKAGES["build"])
    STATE.mkdir(parents=True, exist_ok=True)
    src = Path(source)
    if not src.is_dir():
        dest = STATE / "odoo-src"
        shutil.rmtree(dest, ignore_errors=True)
        dest.mkdir(parents=True)
        archive = STATE / "odoo-src.tar.gz"
        if source.startswith(("http://", "https://")):
            with urllib.request.urlopen(source, timeout=600) as resp:  # noqa: S310
                archive.write_bytes(resp.read())
        else:
            archive = Path(source)
        with tarfile.open(archive) as tar:
            tar.extractall(dest, filter="data")
        tops = [p for p in dest.iterdir() if (p / "setup.py").exists()]
        if not tops:
            raise BohError(f"{source} holds no Odoo source tree (no setup.py)")
        src = tops[0]
    reqs = (src / "requirements.txt").read_text().splitlines()
    if not glob.glob("/usr/include/ldap.h") + glob.glob("/usr/include/*/ldap.h"):
        say("no libldap headers: leaving out python-ldap (no LDAP login then)")
        reqs = [r for r in reqs if not r.lower().startswith("python-ldap")]
    filtered = STATE / "odoo-requirements.txt"
    filtered.write_text("\n".join(reqs) + "\n")
    pip_install(python, ["wheel", "setuptools<70"])
    pip_install(python, ["-r", str(filtered)])
    pip_install(python, ["--no-build-isolation", str(src)])


REQ_CHECK = r"""
import sys
from importlib import metadata
from packaging.requirements import Requirement
missing = []
for line in open(sys.argv[1]):
    line = line.split('#')[0].strip()
    if not line or line.startswith(('-', '.', '/')):
        continue
    req = Requirement(line)
    if req.marker and not req.marker.evaluate():
        continue
    try:
        version = metadata.version(req.name)
    except metadata.PackageNotFoundError:
        missing.append(line)
        continue
    if req.specifier and not req.specifier.contains(version, prereleases=True):
        missing.append(line)
import importlib
# The engine (./engine in requirements.txt) and its libraries
for module in ('numpy', 'pandas', 'scipy', 'statsforecast', 'lightgbm', 'tqdm',
               'prophet', 'distributed'):
    try:
        importlib.import_module(module)
    except ImportError:
        missing.append('boh-engine (' + module + ')')
        break
print('\n'.join(missing))
"""


def missing_requirements(python, files):
    missing = []
    for req_file in files:
        res = run(
            [python, "-c", REQ_CHECK, str(req_file)],
            check=False,
            capture_output=True,
            text=True,
            env=python_env(),
        )
        if res.returncode:
            return ["(could not check: " + res.stderr.strip().splitlines()[-1] + ")"]
        missing += [m for m in res.stdout.splitlines() if m]
    return missing


def ensure_python(python, tests=False, install=True):
    series = odoo_series(python)
    if series != ODOO_SERIES:
        if not install:
            raise BohError(
                f"Odoo {ODOO_SERIES} cannot be imported by {python}"
                f" (found: {series or 'none'}). Run `./boh setup` to install it from"
                " Odoo's official 18.0 source, or set BOH_PYTHON to a python3 that"
                " imports Odoo 18.0."
            )
        install_odoo(python)
        series = odoo_series(python)
        if series != ODOO_SERIES:
            raise BohError(f"Odoo {ODOO_SERIES} still cannot be imported by {python}")
    files = [ROOT / "requirements.txt"] + (
        [ROOT / "requirements-test.txt"] if tests else []
    )
    missing = missing_requirements(python, files)
    if missing:
        if not install:
            raise BohError(
                "missing Python packages: "
                + ", ".join(missing)
                + ". Run `./boh setup`."
            )
        say("installing Python requirements: " + ", ".join(missing))
        for req_file in files:
            pip_install(python, ["-r", str(req_file)])


def chromium_path():
    for name in (
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ):
        path = shutil.which(name)
        if path:
            return path
    return None


def ensure_browser(python, install=True):
    if not chromium_path() and install:
        apt_install(APT_PACKAGES["chromium"])
    if not chromium_path():
        raise BohError(
            "Chromium is missing: Odoo's browser tests (tours) cannot run."
            " Install it (Debian: `apt-get install chromium`) and run again."
        )
    res = run([python, "-c", "import websocket"], check=False, capture_output=True)
    if res.returncode:
        raise BohError(
            "The Python package websocket-client is missing: Odoo's browser tests"
            " cannot run. Run `./boh setup` or `pip install websocket-client`."
        )


def ensure_report_tools(install=True):
    """wkhtmltopdf renders Odoo's PDF reports; CJK fonts render the Chinese."""
    if not shutil.which("wkhtmltopdf") and install:
        apt_install(APT_PACKAGES["reports"])
    if not shutil.which("wkhtmltopdf"):
        say("warning: wkhtmltopdf is missing: PDF reports will not render")
