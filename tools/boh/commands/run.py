"""./boh run and ./boh stop: the run database with the demo chain, served by Odoo."""

import os
import signal
import subprocess
import time
import urllib.request

from ..common import STATE, BohError, python_env, python_exe, run, say
from ..config import (
    boh_addons,
    install_addons,
    installed_modules,
    odoo_cmd,
    write_config,
)
from ..logs import scan_log
from ..odoo_install import ensure_python, ensure_report_tools
from ..postgres import Cluster, free_port, pg_bin, server_for


def run_state():
    STATE.mkdir(exist_ok=True)
    return STATE / "odoo.conf", STATE / "odoo.pid"


def prepare_run_db(python, server, config, db, addons=None, log=None):
    """Install what is missing into the run database, demo data included
    (Odoo's log in ``log``, by default .boh/install.log).

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
        log = log or STATE / "install.log"
        res = install_addons(
            python,
            config,
            db,
            todo,
            # English and Chinese from the start: every addon installed
            # after it loads its zh_CN terms (the demo chain is Chinese);
            # English must be named too, or it stays inactive and no user
            # can choose it.
            *(["--load-language=en_US,zh_CN"] if step == ["base"] else []),
            f"--logfile={log}",
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
    # boh_forecast, asked for or pulled in by a boh_forecast_* addon
    if not args.addons or any(a.startswith("boh_forecast") for a in args.addons):
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
