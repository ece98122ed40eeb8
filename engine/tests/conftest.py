"""Synthetic data shared by the tests (the tests never read real data files).

Also the engine's coverage floor: when this folder is the whole run (``python3
-m pytest engine/tests``, or ``python -m pytest`` in ``engine/``, with no ``-k``
or ``-m`` selection), the run measures the coverage of ``boh_engine`` and fails
below :data:`COVERAGE_FLOOR` percent, saying so before pytest's summary line.
When these tests run together with other suites (``./boh test``) or only some
of them, nothing is measured.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

TESTS = Path(__file__).resolve().parent
# test the engine beside these tests, not a copy installed in site-packages
sys.path.insert(0, str(TESTS.parent))

COVERAGE_FLOOR = 92.0
_coverage = {}


def _whole_suite(config) -> bool:
    here = config.invocation_params.dir
    paths = {(here / str(a).split("::")[0]).resolve() for a in config.args}
    return (
        paths == {TESTS}
        and not config.option.keyword
        and not config.option.markexpr
        and not config.getoption("deselect", None)
        and not getattr(config.option, "cov_source", None)  # pytest --cov given
    )


def pytest_configure(config):
    if not _whole_suite(config) or "boh_engine" in sys.modules:
        return
    try:
        import coverage
    except ImportError:
        _coverage["error"] = "coverage is not installed (pip install pytest-cov)"
        return
    cov = coverage.Coverage(data_file=None, source=["boh_engine"])
    cov.start()
    _coverage["cov"] = cov


def pytest_sessionfinish(session, exitstatus):
    cov = _coverage.pop("cov", None)
    if cov is not None:
        cov.stop()
        report = io.StringIO()
        _coverage["total"] = cov.report(file=report, show_missing=True)
        _coverage["report"] = report.getvalue()
    short = "error" in _coverage or _coverage.get("total", 100.0) < COVERAGE_FLOOR
    if short and session.exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if "error" in _coverage:
        terminalreporter.line(f"engine coverage: {_coverage['error']}", red=True)
    if "total" not in _coverage:
        return
    total = _coverage["total"]
    if total < COVERAGE_FLOOR:
        terminalreporter.section("engine coverage below the floor", red=True)
        terminalreporter.line(_coverage["report"])
    terminalreporter.line(
        f"boh_engine coverage {total:.1f}% (floor {COVERAGE_FLOOR:.0f}%)",
        red=total < COVERAGE_FLOOR,
    )


def long_table(
    n_stores: int = 2,
    n_items: int = 3,
    days: int = 200,
    seed: int = 0,
    freq: str = "D",
    promo: bool = True,
) -> pd.DataFrame:
    """Poisson demand with a weekly profile and a promotion lift of 2x."""
    rng = np.random.default_rng(seed)
    step = "D" if freq == "D" else "7D"
    dates = pd.date_range("2023-01-04", periods=days, freq=step)
    rows = []
    weekly = np.array([0.8, 0.9, 1.0, 1.0, 1.2, 1.5, 0.6])
    for s in range(n_stores):
        for i in range(n_items):
            base = rng.uniform(2, 20)
            flags = (rng.random(days) < 0.2).astype(int) if promo else np.zeros(days)
            prof = weekly[dates.dayofweek] if freq == "D" else 1.0
            lam = base * prof * np.where(flags > 0, 2.0, 1.0)
            qty = rng.poisson(lam)
            frame = pd.DataFrame(
                {
                    "store": f"S{s}",
                    "item": f"I{i}",
                    "date": dates.strftime("%Y-%m-%d"),
                    "qty": qty,
                }
            )
            if promo:
                frame["promo"] = flags
            rows.append(frame)
    return pd.concat(rows, ignore_index=True)


@pytest.fixture
def daily_csv(tmp_path):
    path = tmp_path / "hist.csv"
    long_table().to_csv(path, index=False)
    return path


@pytest.fixture
def weekly_csv(tmp_path):
    path = tmp_path / "weekly.csv.gz"
    long_table(days=80, freq="W").to_csv(path, index=False)
    return path
