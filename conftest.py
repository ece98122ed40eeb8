"""Project-wide pytest rules: a skipped test is a failed test.

Odoo skips its browser tests (tours) when Chromium or websocket-client is
missing; the engine's tests never skip.  Either way a skip means that part of
BOH went untested, so the run fails and says which tests were skipped.
"""

import logging

import pytest


class _PytestOdooImportFilter(logging.Filter):
    """pytest-odoo imports odoo.tests while it parses Odoo's configuration, before
    it turns test mode on for the test modules; Odoo logs that import as an
    error.  Only that one message is dropped: every other error still fails the
    run (tests/test_zz_odoo_log.py)."""

    def filter(self, record):
        return not record.getMessage().startswith("Importing test framework, avoid")


logging.getLogger("odoo.tests.common").addFilter(_PytestOdooImportFilter())


def _skipped(config):
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    return reporter.stats.get("skipped", []) if reporter else []


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session, exitstatus):
    if _skipped(session.config) and session.exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    skipped = _skipped(config)
    if skipped:
        terminalreporter.section("skipped tests fail the run", sep="=", red=True)
        for report in skipped:
            reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else ""
            terminalreporter.line(f"{report.nodeid}: {reason}", red=True)
        terminalreporter.line(
            "Browser tests skip when Chromium or websocket-client is missing:"
            " install them (./boh setup) and run again.",
            red=True,
        )
