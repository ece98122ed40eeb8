#!/usr/bin/env python3
"""The BOH developer tool: set up, run and test BOH on Odoo 18.0 Community.

``./boh run`` starts a private PostgreSQL cluster inside the project (``.boh/``),
creates the ``boh`` database with every BOH addon and the demo chain, and serves
Odoo on http://localhost:8069.  ``./boh test`` does the same in a throwaway
cluster without demo data, runs every test (Odoo tests through pytest-odoo and
the plain pytest tests of the engine) and removes everything it created.

Run ``./boh --help`` or ``./boh COMMAND --help`` for the details.
"""

import argparse
import glob
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ADDONS = ROOT / "addons"
ENGINE = ROOT / "engine"
STATE = ROOT / ".boh"
ODOO_SERIES = "18.0"
# Odoo's official 18.0 Community source, used only when no Odoo 18.0 is importable.
ODOO_SOURCE = "https://nightly.odoo.com/18.0/nightly/src/odoo_18.0.latest.tar.gz"
DB_USER = "boh"
RUN_DB = "boh"
# A record of an Odoo log: "date time pid LEVEL db logger: message".
LOG_RECORD_RE = re.compile(r"^\d{4}-\d\d-\d\d \S+ \d+ (\w+) \S+ ([\w.]+): ")
# Loggers of Odoo, its addons (BOH and OCA included) and its HTTP layer.
ODOO_LOGGER_RE = re.compile(r"^(odoo|werkzeug)(\.|$)")
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


# --------------------------------------------------------------------------
# Python side: Odoo 18.0, the OCA addons, the engine, the test tools
# --------------------------------------------------------------------------
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


def python_env(extra=None):
    """Environment for Odoo and pytest: the engine of this checkout comes first."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(ENGINE)] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else [])
    )
    env.update(extra or {})
    return env


# --------------------------------------------------------------------------
# PostgreSQL: a private cluster owned by the postgres user when run as root
# --------------------------------------------------------------------------
def pg_bin(name):
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    if candidates:
        return candidates[0]
    return None


def ensure_postgres():
    if not pg_bin("initdb") and apt_install(APT_PACKAGES["postgresql"]):
        pass
    if not (pg_bin("initdb") and pg_bin("pg_ctl")):
        raise BohError(
            "PostgreSQL server binaries (initdb, pg_ctl) are missing."
            " Install PostgreSQL 15 or newer (Debian: `apt-get install postgresql`)"
            " or point BOH_DB_HOST/BOH_DB_PORT/BOH_DB_USER at a server."
        )


def as_pg_owner(cmd):
    """PostgreSQL refuses to run as root: run its tools as the postgres user."""
    if is_root():
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


def free_port(preferred=None):
    for port in ([preferred] if preferred else []) + [0]:
        with socket.socket() as sock:
            # as servers do: a port in TIME_WAIT after a stop is free
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return sock.getsockname()[1]
    raise BohError("no free local port")


class Cluster:
    """A private PostgreSQL cluster in a folder, listening on 127.0.0.1 only."""

    def __init__(self, folder, port=None):
        self.folder = Path(folder)
        self.data = self.folder / "pgdata"
        self.port_file = self.folder / "pg.port"
        if port is None and self.port_file.exists():
            port = int(self.port_file.read_text())
        self.port = port
        self.host = "127.0.0.1"
        self.user = DB_USER

    def _prepare_folder(self):
        self.folder.mkdir(parents=True, exist_ok=True)
        if is_root():
            # The postgres user must reach the folder; make it traversable.
            for parent in [self.folder, *self.folder.parents]:
                mode = parent.stat().st_mode
                if not mode & 0o001:
                    if parent == Path("/") or not str(parent).startswith(
                        (str(ROOT), tempfile.gettempdir())
                    ):
                        res = run(
                            as_pg_owner(["test", "-x", str(parent)]),
                            check=False,
                        )
                        if res.returncode:
                            raise BohError(
                                f"the postgres user cannot enter {parent}; put the"
                                " project where it can, or set BOH_DB_HOST"
                            )
                        continue
                    os.chmod(parent, mode | 0o001)

    def init(self):
        if (self.data / "PG_VERSION").exists():
            return
        self._prepare_folder()
        self.data.mkdir(parents=True, exist_ok=True)
        if is_root():
            shutil.chown(self.data, "postgres", "postgres")
        os.chmod(self.data, 0o700)
        say(f"creating a private PostgreSQL cluster in {self.data}")
        res = run(
            as_pg_owner(
                [
                    pg_bin("initdb"),
                    "-D",
                    str(self.data),
                    "-U",
                    self.user,
                    "--auth=trust",
                    "-E",
                    "UTF8",
                    "--locale=C",
                ]
            ),
            check=False,
            capture_output=True,
            text=True,
        )
        if res.returncode:
            raise BohError("initdb failed:\n" + res.stdout + res.stderr)

    def running(self):
        res = run(
            as_pg_owner([pg_bin("pg_ctl"), "-D", str(self.data), "status"]),
            check=False,
            capture_output=True,
        )
        return res.returncode == 0

    def start(self):
        self.init()
        if self.running():
            return
        self.port = free_port(self.port)
        self.port_file.write_text(str(self.port))
        opts = (
            f"-p {self.port} -c listen_addresses=127.0.0.1"
            f" -c unix_socket_directories='{self.data}' -c fsync=off"
            " -c synchronous_commit=off -c full_page_writes=off"
        )
        log = self.data / "server.log"
        res = run(
            as_pg_owner(
                [pg_bin("pg_ctl"), "-D", str(self.data), "-o", opts, "-l", str(log)]
                + ["-w", "-t", "60", "start"]
            ),
            check=False,
            capture_output=True,
            text=True,
        )
        if res.returncode:
            tail = log.read_text()[-2000:] if log.exists() else ""
            raise BohError(
                "PostgreSQL did not start:\n" + res.stdout + res.stderr + tail
            )
        say(f"PostgreSQL is listening on {self.host}:{self.port}")

    def stop(self):
        if self.data.exists() and self.running():
            run(
                as_pg_owner(
                    [pg_bin("pg_ctl"), "-D", str(self.data), "-m", "fast", "stop"]
                ),
                check=False,
                capture_output=True,
            )

    def psql(self, sql, db="postgres"):
        res = run(
            [pg_bin("psql") or "psql", "-h", self.host, "-p", str(self.port)]
            + ["-U", self.user, "-d", db, "-tAc", sql],
            check=False,
            capture_output=True,
            text=True,
        )
        if res.returncode:
            raise BohError(f"psql failed: {res.stderr.strip()}")
        return res.stdout.strip()


class ExternalServer:
    """A PostgreSQL server named by BOH_DB_HOST / BOH_DB_PORT / BOH_DB_USER."""

    def __init__(self):
        self.host = os.environ["BOH_DB_HOST"]
        self.port = int(os.environ.get("BOH_DB_PORT", "5432"))
        self.user = os.environ.get("BOH_DB_USER", DB_USER)
        self.password = os.environ.get("BOH_DB_PASSWORD", "")

    def start(self):
        pass

    def stop(self):
        pass

    psql = Cluster.psql


def server_for(folder):
    if os.environ.get("BOH_DB_HOST"):
        return ExternalServer()
    ensure_postgres()
    return Cluster(folder)


# --------------------------------------------------------------------------
# Odoo
# --------------------------------------------------------------------------
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


def scan_log(path):
    """The errors of an Odoo log, each with the first lines of its record.

    An error is an ERROR or CRITICAL record of Odoo or of an addon, or a
    traceback outside any record.  Records of other libraries that run in the
    same process (the engine's numerical libraries during its tests) are not
    Odoo's: their own tests judge them.
    """
    if not Path(path).exists():
        return []
    lines = Path(path).read_text(errors="replace").splitlines()
    hits = []
    in_record = False
    for i, line in enumerate(lines):
        match = LOG_RECORD_RE.match(line)
        if match:
            in_record = True
            level, logger = match.groups()
            if level in ("ERROR", "CRITICAL") and ODOO_LOGGER_RE.match(logger):
                hits.append("\n".join(lines[i : i + 12]))
        elif line.startswith("Traceback (most recent") and not in_record:
            hits.append("\n".join(lines[i : i + 12]))
    return hits


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


# --------------------------------------------------------------------------
# Commands
# --------------------------------------------------------------------------
def cmd_setup(args):
    """Install everything BOH needs on this machine."""
    python = python_exe()
    ensure_python(python, tests=True)
    ensure_postgres()
    ensure_browser(python)
    ensure_report_tools()
    say(f"ready: Odoo {ODOO_SERIES} importable by {python}, PostgreSQL, Chromium")


def run_state():
    STATE.mkdir(exist_ok=True)
    return STATE / "odoo.conf", STATE / "odoo.pid"


def prepare_run_db(python, server, config, db, addons=None):
    """Install what is missing into the run database, demo data included.

    The chart of accounts comes first (BOH_CHART, default l10n_cn: the demo
    chain is Chinese): the point of sale's demo data needs a bank journal.
    """
    wanted = addons or boh_addons()
    chart = os.environ.get("BOH_CHART", "l10n_cn")
    steps = [["base"], [chart], wanted]
    for step in steps:
        installed = installed_modules(server, db)
        todo = [a for a in step if installed is None or a not in installed]
        if not todo:
            continue
        if step == [chart] and chart == "l10n_cn" and "account" not in installed:
            # Before accounting exists: the demo company becomes the Chinese
            # chain's head office, so the chart of accounts and its currency
            # follow the company's country (CNY), as for a real customer.
            set_demo_company(python, config, db)
        say(f"installing {', '.join(todo)} with demo data into database {db!r}")
        say("(the first time takes a few minutes)")
        log = STATE / "install.log"
        res = run(
            odoo_cmd(
                python,
                config,
                "-d",
                db,
                "-i",
                ",".join(todo),
                # Chinese from the start: every addon installed after it
                # loads its zh_CN terms (the demo chain is Chinese).
                *(["--load-language=zh_CN"] if step == ["base"] else []),
                "--stop-after-init",
                f"--logfile={log}",
            ),
            check=False,
            env=python_env(),
        )
        installed = installed_modules(server, db) or set()
        missing = [a for a in todo if a not in installed]
        if res.returncode or missing:
            errors = scan_log(log)
            print("\n\n".join(errors[:3]))
            raise BohError(
                f"installing {', '.join(missing or todo)} failed; the log is {log}"
            )


DEMO_COMPANY = """
import base64
from odoo.tools import file_open
company = env.ref("base.main_company")
with file_open("boh_base/static/img/company_logo.png", "rb") as logo:
    company.logo = base64.b64encode(logo.read())
company.partner_id.write({"street": "Nanjing West Road 1266", "zip": "200040"})
company.write({
    "country_id": env.ref("base.cn").id,
    "state_id": env.ref("base.state_cn_SH", raise_if_not_found=False).id or False,
    "city": "Shanghai",
    "currency_id": env.ref("base.CNY").id,
})
env.ref("base.user_admin").tz = "Asia/Shanghai"
env.cr.commit()
"""


def set_demo_company(python, config, db):
    """Name the demo company, move it to Shanghai, in yuan, and give it its logo."""
    res = run(
        odoo_cmd(python, config, "-d", db, "--no-http", command="shell"),
        check=False,
        env=python_env(),
        input=DEMO_COMPANY,
        capture_output=True,
        text=True,
    )
    if res.returncode:
        raise BohError(f"setting up the demo company failed:\n{res.stderr[-2000:]}")


def print_login(port, db):
    say("")
    say(f"BOH is up on http://localhost:{port} (database {db!r})")
    say("log in as admin / admin (BOH administrator)")
    say(
        "demo users (password = login): store manager 'sm.<store code>',"
        " store staff 'staff.<store code>', area manager 'am.<region code>',"
        " buyer 'buyer', executive 'exec'; see Settings > Users for the list"
    )


def cmd_run(args):
    """Start PostgreSQL and Odoo with every BOH addon and the demo chain."""
    python = python_exe()
    ensure_python(python)
    ensure_report_tools()
    config, pidfile = run_state()
    if pidfile.exists():
        pid = int(pidfile.read_text())
        try:
            os.kill(pid, 0)
            raise BohError(f"Odoo already runs (pid {pid}); `./boh stop` first")
        except ProcessLookupError:
            pidfile.unlink()
    if free_port(args.port) != args.port:
        raise BohError(f"port {args.port} is taken; choose another with --port")
    server = server_for(STATE)
    server.start()
    # queue_job's runner starts with the server and runs the forecast jobs
    extra = {}
    if not args.addons or "boh_forecast" in args.addons:
        extra["server_wide_modules"] = "base,web,queue_job"
    if args.workers:
        extra["workers"] = args.workers
    else:
        # One threaded process (the engine's libraries included): no
        # address-space cap; with workers, each worker keeps the template's.
        extra["limit_memory_hard"] = 0
    write_config(
        config,
        server,
        STATE / "data",
        http_port=args.port,
        extra=extra,
        sections={"queue_job": {"channels": "root:2"}},
    )
    try:
        prepare_run_db(python, server, config, args.database, args.addons)
    except BaseException:
        server.stop()
        raise
    cmd = odoo_cmd(
        python, config, "-d", args.database, "--db-filter", f"^{args.database}$"
    )
    if args.detach:
        log = STATE / "odoo.log"
        with open(log, "ab") as out:
            proc = subprocess.Popen(
                cmd,
                stdout=out,
                stderr=subprocess.STDOUT,
                env=python_env(),
                start_new_session=True,
            )
        pidfile.write_text(str(proc.pid))
        wait_http(args.port)
        print_login(args.port, args.database)
        say(f"running in the background (log: {log}); stop with `./boh stop`")
        return
    proc = subprocess.Popen(cmd, env=python_env())
    pidfile.write_text(str(proc.pid))
    try:
        wait_http(args.port, proc)
        print_login(args.port, args.database)
        say("press Ctrl-C to stop Odoo and PostgreSQL")
        proc.wait()
    except KeyboardInterrupt:
        say("stopping")
    finally:
        stop_process(proc.pid)
        pidfile.unlink(missing_ok=True)
        server.stop()


def wait_http(port, proc=None, timeout=300):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc is not None and proc.poll() is not None:
            raise BohError("Odoo stopped while starting (see its log above)")
        try:
            with urllib.request.urlopen(
                f"http://127.0.0.1:{port}/web/login", timeout=5
            ) as resp:
                if resp.status == 200:
                    return
        except OSError:
            time.sleep(1)
    raise BohError(f"Odoo did not answer on port {port} within {timeout} s")


def stop_process(pid, timeout=20):
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        try:
            os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            pass
        time.sleep(0.2)
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def cmd_stop(args):
    """Stop the Odoo and PostgreSQL that `./boh run` started."""
    _config, pidfile = run_state()
    if pidfile.exists():
        stop_process(int(pidfile.read_text()))
        pidfile.unlink()
        say("Odoo stopped")
    if not os.environ.get("BOH_DB_HOST"):
        cluster = Cluster(STATE)
        if cluster.data.exists() and pg_bin("pg_ctl"):
            cluster.stop()
            say("PostgreSQL stopped")


def cmd_shell(args):
    """An Odoo shell on the run database."""
    python = python_exe()
    ensure_python(python, install=False)
    config, _pidfile = run_state()
    server = server_for(STATE)
    server.start()
    write_config(config, server, STATE / "data")
    os.execvpe(
        python,
        odoo_cmd(python, config, "-d", args.database, command="shell"),
        python_env(),
    )


def cmd_update(args):
    """Update (upgrade) addons in the run database."""
    python = python_exe()
    ensure_python(python, install=False)
    config, _pidfile = run_state()
    server = server_for(STATE)
    server.start()
    write_config(config, server, STATE / "data")
    res = run(
        odoo_cmd(
            python,
            config,
            "-d",
            args.database,
            "-u",
            ",".join(args.addons),
            "--stop-after-init",
        ),
        check=False,
        env=python_env(),
    )
    sys.exit(res.returncode)


def cmd_demo(args):
    """Load a demo chain of the given size into a new database."""
    python = python_exe()
    ensure_python(python)
    config, _pidfile = run_state()
    server = server_for(STATE)
    server.start()
    write_config(config, server, STATE / "data")
    db = args.database or f"boh_{args.stores}x{args.products}"
    if installed_modules(server, db) is None:
        say(f"creating database {db!r} with every BOH addon, without the small demo")
        res = run(
            odoo_cmd(
                python,
                config,
                "-d",
                db,
                "-i",
                ",".join(boh_addons()),
                "--without-demo=all",
                "--stop-after-init",
            ),
            check=False,
            env=python_env(),
        )
        if res.returncode:
            raise BohError("install failed")
    code = (
        "env['boh.demo.loader'].load_chain("
        f"stores={args.stores}, products={args.products}, days={args.days},"
        f" suppliers={args.suppliers}, seed={args.seed}); env.cr.commit()"
    )
    res = run(
        odoo_cmd(python, config, "-d", db, "--no-http", command="shell"),
        input=code,
        text=True,
        check=False,
        env=python_env(),
    )
    if res.returncode:
        raise BohError("loading the demo chain failed")
    say(f"demo chain loaded into {db!r}; `./boh run --database {db}` serves it")


def cmd_lint(args):
    """Run the linters of .pre-commit-config.yaml: ruff, ruff-format, pylint-odoo."""
    python = python_exe()
    ensure_python(python, tests=True, install=not args.no_install)
    addons = [str(p.parent) for p in sorted(ADDONS.glob("*/__manifest__.py"))]
    checks = [
        ("ruff", [python, "-m", "ruff", "check", "."]),
        ("ruff-format", [python, "-m", "ruff", "format", "--check", "."]),
        (
            "pylint-odoo",
            [python, "-m", "pylint", "--rcfile=.pylintrc-mandatory", *addons],
        ),
    ]
    failed = []
    for name, cmd in checks:
        say(f"lint: {name}")
        if run(cmd, check=False, cwd=ROOT, env=python_env()).returncode:
            failed.append(name)
    if failed:
        raise BohError("lint failed: " + ", ".join(failed))
    say("lint: all checks passed")


def merge_po(pot_path, po_path):
    """Bring zh_CN.po up to date with the .pot, keeping its translations."""
    import polib  # noqa: PLC0415 (one of Odoo's own requirements)

    pot = polib.pofile(str(pot_path))
    # The exported header names the exact Odoo build: keep it to the series.
    pot.metadata["Project-Id-Version"] = f"Odoo Server {ODOO_SERIES}"
    pot.save(str(pot_path))
    po = polib.pofile(str(po_path)) if po_path.exists() else polib.POFile()
    known = {(e.msgctxt, e.msgid): e for e in po}
    merged = polib.POFile(wrapwidth=78)
    merged.metadata = dict(pot.metadata)
    merged.metadata.update(
        {"Language": "zh_CN", "Plural-Forms": "nplurals=1; plural=0;"}
    )
    for entry in pot:
        old = known.get((entry.msgctxt, entry.msgid))
        entry.msgstr = old.msgstr if old else ""
        merged.append(entry)
    merged.save(str(po_path))
    missing = [e.msgid for e in merged if not e.msgstr]
    return len(merged), missing


def cmd_pot(args):
    """Export each addon's .pot and merge it into its i18n/zh_CN.po."""
    python = python_exe()
    ensure_python(python, install=False)
    work = Path(tempfile.mkdtemp(prefix="boh-pot-"))
    os.chmod(work, 0o755)
    server = server_for(work)
    db = f"boh_pot_{secrets.token_hex(4)}"
    try:
        server.start()
        config = work / "odoo.conf"
        write_config(
            config,
            server,
            work / "data",
            logfile=work / "odoo.log",
            extra={"without_demo": "all", "max_cron_threads": 0},
        )
        res = run(
            odoo_cmd(
                python,
                config,
                "-d",
                db,
                "-i",
                ",".join(args.addons),
                "--stop-after-init",
            ),
            check=False,
            env=python_env(),
        )
        if res.returncode:
            raise BohError("install failed; see " + str(work / "odoo.log"))
        for addon in args.addons:
            i18n = ADDONS / addon / "i18n"
            i18n.mkdir(exist_ok=True)
            pot = i18n / f"{addon}.pot"
            res = run(
                odoo_cmd(
                    python,
                    config,
                    "-d",
                    db,
                    f"--i18n-export={pot}",
                    f"--modules={addon}",
                    "--stop-after-init",
                ),
                check=False,
                env=python_env(),
            )
            if res.returncode:
                raise BohError(f"export of {addon} failed")
            total, missing = merge_po(pot, i18n / "zh_CN.po")
            say(f"{addon}: {total} terms, {len(missing)} without a zh_CN translation")
            for msgid in missing[: args.show]:
                say(f"  untranslated: {msgid[:100]!r}")
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)


def cmd_test(args):
    """Run every test on a throwaway cluster and database; ends with pytest's line."""
    started = time.time()
    python = python_exe()
    ensure_python(python, tests=True, install=not args.no_install)
    ensure_browser(python, install=not args.no_install)
    addons = args.addons or boh_addons(tests=True)
    if not addons:
        raise BohError(f"no BOH addon found under {ADDONS}")
    work = Path(tempfile.mkdtemp(prefix="boh-test-"))
    os.chmod(work, 0o755)
    server = server_for(work)
    db = f"boh_test_{secrets.token_hex(4)}"
    code = 1
    try:
        server.start()
        config = work / "odoo.conf"
        install_log = work / "install.log"
        test_log = work / "test.log"
        write_config(
            config,
            server,
            work / "data",
            logfile=install_log,
            extra={"without_demo": "all", "max_cron_threads": 0},
        )
        say(
            f"installing {', '.join(addons)} and their dependencies into {db} (no demo)"
        )
        res = run(
            odoo_cmd(
                python,
                config,
                "-d",
                db,
                "-i",
                ",".join(addons),
                "--stop-after-init",
                "--log-level=info",
            ),
            check=False,
            env=python_env(),
        )
        errors = scan_log(install_log)
        if res.returncode or errors:
            tail = install_log.read_text()[-4000:] if install_log.exists() else ""
            print("\n\n".join(errors[:10]) or tail)
            raise BohError(
                f"installing the addons failed or logged errors ({len(errors)}); "
                "the lines above say where"
            )
        say(f"installed in {time.time() - started:.0f} s; running the tests")
        write_config(
            config,
            server,
            work / "data",
            logfile=test_log,
            extra={
                "without_demo": "all",
                "max_cron_threads": 0,
                # One threaded process runs Odoo, the browser tests' server
                # and the engine's numerical libraries: no address-space cap.
                "limit_memory_hard": 0,
            },
        )
        paths = [
            str(p) for p in sorted(ADDONS.glob("*/tests")) if p.parent.name in addons
        ]
        if (ENGINE / "tests").is_dir():
            paths.append(str(ENGINE / "tests"))
        paths.append(str(ROOT / "tests"))
        env = python_env(
            {
                "BOH_ODOO_LOG": str(test_log),
                "BOH_TEST_CONFIG": str(config),
                "BOH_TEST_DB": db,
                "BOH_TEST_WORK": str(work),
            }
        )
        cmd = [
            python,
            "-m",
            "pytest",
            "-p",
            "no:cacheprovider",
            "--rootdir",
            str(ROOT),
            "-c",
            str(ROOT / "pytest.ini"),
            f"--odoo-config={config}",
            f"--odoo-database={db}",
            "--odoo-http",
            "--odoo-log-level=info",
            *args.pytest_args,
            *paths,
        ]
        res = run(cmd, check=False, env=env, cwd=ROOT)
        code = res.returncode
    finally:
        if isinstance(server, ExternalServer):
            for name in (db, f"{db}_uninstall"):
                try:
                    server.psql(f'DROP DATABASE IF EXISTS "{name}"')
                except BohError:
                    pass
        else:
            server.stop()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            say(f"kept {work}")
    return code


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="boh",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command")
    p = sub.add_parser("setup", help=cmd_setup.__doc__)
    p.set_defaults(func=cmd_setup)
    p = sub.add_parser("run", help=cmd_run.__doc__)
    p.add_argument(
        "--port", type=int, default=int(os.environ.get("BOH_HTTP_PORT", 8069))
    )
    p.add_argument("--database", default=RUN_DB)
    p.add_argument("--workers", type=int, default=0, help="Odoo worker processes")
    p.add_argument("--detach", action="store_true", help="run in the background")
    p.add_argument(
        "--addons",
        type=lambda s: s.split(","),
        help="install only these addons (default: every BOH addon)",
    )
    p.set_defaults(func=cmd_run)
    p = sub.add_parser("stop", help=cmd_stop.__doc__)
    p.set_defaults(func=cmd_stop)
    p = sub.add_parser("shell", help=cmd_shell.__doc__)
    p.add_argument("--database", default=RUN_DB)
    p.set_defaults(func=cmd_shell)
    p = sub.add_parser("update", help=cmd_update.__doc__)
    p.add_argument("addons", nargs="+")
    p.add_argument("--database", default=RUN_DB)
    p.set_defaults(func=cmd_update)
    p = sub.add_parser("demo", help=cmd_demo.__doc__)
    p.add_argument("--stores", type=int, default=20)
    p.add_argument("--products", type=int, default=200)
    p.add_argument("--days", type=int, default=365)
    p.add_argument("--suppliers", type=int, default=10)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--database")
    p.set_defaults(func=cmd_demo)
    p = sub.add_parser("pot", help=cmd_pot.__doc__)
    p.add_argument("addons", nargs="+")
    p.add_argument("--show", type=int, default=20, help="untranslated terms to list")
    p.set_defaults(func=cmd_pot)
    p = sub.add_parser("lint", help=cmd_lint.__doc__)
    p.add_argument("--no-install", action="store_true")
    p.set_defaults(func=cmd_lint)
    p = sub.add_parser("test", help=cmd_test.__doc__)
    p.add_argument("--addons", type=lambda s: s.split(","), help="only these addons")
    p.add_argument("--keep", action="store_true", help="keep the throwaway folder")
    p.add_argument(
        "--no-install",
        action="store_true",
        help="fail instead of installing what is missing",
    )
    p.add_argument("pytest_args", nargs="*", help="passed to pytest (after --)")
    p.set_defaults(func=cmd_test)
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 0
    try:
        return args.func(args) or 0
    except BohError as exc:
        print(f"boh: error: {exc}", file=sys.stderr, flush=True)
        return 2


if __name__ == "__main__":
    sys.exit(main())
