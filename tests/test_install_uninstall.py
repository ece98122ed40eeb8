"""Install and uninstall boh_base on a database of its own: no error in the log."""

import subprocess
import sys

from boh_harness import drop_database, error_lines, harness_env, query


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
    left = query(db, "SELECT count(*) FROM pg_tables WHERE tablename LIKE 'boh_%%'")
    assert left == [(0,)], "BOH tables left after uninstall"
    errors = error_lines(log)
    assert not errors, "\n\n".join(errors[:5])
    drop_database(db)
