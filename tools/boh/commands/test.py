"""./boh test: every test on a throwaway cluster and database."""

import os
import secrets
import shutil
import tempfile
import time
from pathlib import Path

from ..common import ADDONS, ENGINE, ROOT, BohError, python_env, python_exe, run, say
from ..config import boh_addons, install_addons, write_config
from ..logs import scan_log
from ..odoo_install import ensure_browser, ensure_python
from ..postgres import ExternalServer, server_for


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
        res = install_addons(python, config, db, addons, "--log-level=info")
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
