"""The test command fails loudly: skipped tests, log errors, no Odoo, no Chromium."""

import os
import shutil
import subprocess
import sys

from boh_harness import ROOT, boh_tool


def test_skipped_test_fails_the_run(tmp_path):
    shutil.copy(ROOT / "conftest.py", tmp_path / "conftest.py")
    (tmp_path / "test_sample.py").write_text(
        "import pytest\n\n"
        "def test_ok():\n    pass\n\n"
        "def test_browser():\n    pytest.skip('Chrome browser not found')\n"
    )
    res = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p", "no:odoo"]
        + [str(tmp_path)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert res.returncode == 1, res.stdout
    assert "skipped tests fail the run" in res.stdout
    assert "Chrome browser not found" in res.stdout


def test_log_scan_finds_errors_and_tracebacks(tmp_path):
    log = tmp_path / "odoo.log"
    log.write_text(
        "2026-01-01 10:00:00,000 1 INFO db odoo.modules.loading: loading base\n"
        "2026-01-01 10:00:01,000 1 WARNING db odoo.models: something odd\n"
        "2026-01-01 10:00:02,000 1 ERROR db odoo.sql_db: bad query\n"
        "Traceback (most recent call last):\n"
        '  File "x.py", line 1\n'
    )
    hits = boh_tool().scan_log(log)
    assert len(hits) == 1
    assert "bad query" in hits[0] and "Traceback" in hits[0]
    log.write_text(
        "Traceback (most recent call last):\n"
        '  File "x.py", line 1\n'
        "2026-01-01 10:00:00,000 1 INFO db odoo: ERROR in a message\n"
        "2026-01-01 10:00:01,000 1 ERROR db odoo.addons.boh_x.models.y: failed\n"
        "2026-01-01 10:00:02,000 1 CRITICAL ? odoo.service.server: stop\n"
        "2026-01-01 10:00:03,000 1 ERROR ? distributed.worker: not Odoo's\n"
    )
    hits = boh_tool().scan_log(log)
    firsts = [h.splitlines()[0] for h in hits]
    assert len(firsts) == 3
    assert firsts[0].startswith("Traceback")
    assert firsts[1].endswith("boh_x.models.y: failed")
    assert firsts[2].endswith("odoo.service.server: stop")


def _boh(args, env):
    return subprocess.run(
        [sys.executable, str(ROOT / "tools" / "boh.py"), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


def test_fails_when_odoo_cannot_be_imported(tmp_path):
    fake = tmp_path / "python-without-odoo"
    # -S: no site-packages, so neither Odoo nor anything installed is importable
    fake.write_text(f'#!/bin/sh\nexec "{sys.executable}" -S "$@"\n')
    fake.chmod(0o755)
    res = _boh(["test", "--no-install"], dict(os.environ, BOH_PYTHON=str(fake)))
    assert res.returncode == 2
    assert "Odoo 18.0 cannot be imported" in res.stderr
    assert "./boh setup" in res.stderr


def test_fails_when_chromium_is_missing(tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "python3").symlink_to(sys.executable)
    env = dict(os.environ, PATH=str(bin_dir), BOH_PYTHON=sys.executable)
    res = _boh(["test", "--no-install"], env)
    assert res.returncode == 2, res.stderr
    assert "Chromium is missing" in res.stderr


def test_odoo_source_folder_on_a_fresh_clone(tmp_path, monkeypatch):
    """BOH_ODOO_SOURCE naming a source folder works before `.boh/` exists."""
    tool = boh_tool()
    source = tmp_path / "odoo-src"
    source.mkdir()
    (source / "setup.py").write_text("")
    (source / "requirements.txt").write_text("requests\npython-ldap==3.4.0\n")
    state = tmp_path / "fresh-clone" / ".boh"
    installs = []
    monkeypatch.setattr(tool, "STATE", state)
    monkeypatch.setattr(tool, "apt_install", lambda packages: False)
    monkeypatch.setattr(tool, "pip_install", lambda python, args: installs.append(args))
    monkeypatch.setenv("BOH_ODOO_SOURCE", str(source))
    tool.install_odoo(sys.executable)
    assert (state / "odoo-requirements.txt").read_text().startswith("requests")
    assert installs[-1] == ["--no-build-isolation", str(source)]
