"""Runs last: the Odoo log of the whole test run holds no error or traceback."""

from pathlib import Path

from boh_harness import error_lines, harness_env


def test_odoo_log_has_no_error():
    log = Path(harness_env("BOH_ODOO_LOG"))
    assert log.exists(), f"no Odoo log at {log}"
    errors = error_lines(log)
    assert not errors, f"{len(errors)} errors in the Odoo log:\n\n" + "\n\n".join(
        errors[:5]
    )
