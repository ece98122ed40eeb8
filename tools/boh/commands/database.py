"""./boh shell, ./boh update and ./boh demo: work on the run database."""

import os
import sys

from ..common import STATE, BohError, python_env, python_exe, run, say
from ..config import (
    boh_addons,
    install_addons,
    installed_modules,
    odoo_cmd,
    write_config,
)
from ..odoo_install import ensure_python
from ..postgres import server_for
from .run import run_state


def _run_database(install=True):
    """Odoo's Python (installed when missing and ``install``), the run
    configuration and its PostgreSQL server, started."""
    python = python_exe()
    ensure_python(python, install=install)
    config, _pidfile = run_state()
    server = server_for(STATE)
    server.start()
    write_config(config, server, STATE / "data")
    return python, config, server


def cmd_shell(args):
    """An Odoo shell on the run database."""
    python, config, _server = _run_database(install=False)
    os.execvpe(
        python,
        odoo_cmd(python, config, "-d", args.database, command="shell"),
        python_env(),
    )


def cmd_update(args):
    """Update (upgrade) addons in the run database."""
    python, config, _server = _run_database(install=False)
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
    python, config, server = _run_database()
    db = args.database or f"boh_{args.stores}x{args.products}"
    if installed_modules(server, db) is None:
        say(f"creating database {db!r} with every BOH addon, without the small demo")
        res = install_addons(python, config, db, boh_addons(), "--without-demo=all")
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
