"""Install and uninstall boh_base on a database of its own: no error in the log."""

import subprocess
import sys

import psycopg2
from boh_harness import error_lines, harness_env, odoo_options


def _odoo(config, db, logfile, *args, command="server", stdin=None):
    cmd = [sys.executable, "-m", "odoo", command, "-c", config, "-d", db]
    cmd.append(f"--logfile={logfile}")
    return subprocess.run(
        [*cmd, *args], input=stdin, text=True, capture_output=True, timeout=1200
    )


def test_install_uninstall_boh_base():
    config = harness_env("BOH_TEST_CONFIG")
    work = harness_env("BOH_TEST_WORK")
    db = harness_env("BOH_TEST_DB") + "_uninstall"
    log = f"{work}/uninstall.log"
    res = _odoo(
        config,
        db,
        log,
        "-i",
        "boh_base",
        "--without-demo=all",
        "--stop-after-init",
        "--no-http",
    )
    assert res.returncode == 0, res.stderr[-3000:]
    script = (
        "env['ir.module.module'].search([('name', '=', 'boh_base')])"
        ".button_immediate_uninstall()\n"
        "env.cr.commit()\n"
        "print('STATE', env['ir.module.module'].search("
        "[('name', '=', 'boh_base')]).state)\n"
    )
    res = _odoo(config, db, log, "--no-http", command="shell", stdin=script)
    assert "STATE uninstalled" in res.stdout, res.stdout[-2000:] + res.stderr[-2000:]
    opts = odoo_options()
    conn = psycopg2.connect(
        host=opts["db_host"], port=opts["db_port"], user=opts["db_user"], dbname=db
    )
    try:
        with conn.cursor() as cr:
            cr.execute("SELECT count(*) FROM pg_tables WHERE tablename LIKE 'boh_%%'")
            assert cr.fetchone()[0] == 0, "BOH tables left after uninstall"
    finally:
        conn.close()
    errors = error_lines(log)
    assert not errors, "\n\n".join(errors[:5])
    conn = psycopg2.connect(
        host=opts["db_host"],
        port=opts["db_port"],
        user=opts["db_user"],
        dbname="postgres",
    )
    conn.autocommit = True
    with conn.cursor() as cr:
        cr.execute(f'DROP DATABASE IF EXISTS "{db}"')
    conn.close()
