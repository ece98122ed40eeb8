"""The test command fails loudly: skipped tests, log errors, no Odoo, no Chromium."""

import os
import shutil
import subprocess
import sys

import pytest
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
    hits = boh_tool().logs.scan_log(log)
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
    hits = boh_tool().logs.scan_log(log)
    firsts = [h.splitlines()[0] for h in hits]
    assert len(firsts) == 3
    assert firsts[0].startswith("Traceback")
    assert firsts[1].endswith("boh_x.models.y: failed")
    assert firsts[2].endswith("odoo.service.server: stop")


def _boh(args, env):
    return subprocess.run(
        [sys.executable, str(ROOT / "tools" / "boh"), *args],
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
    tool = boh_tool().odoo_install
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


# --------------------------------------------------------------------------
# ./boh lint and ./boh readme
# --------------------------------------------------------------------------
MANIFEST = (
    '{"name": "BOH Sample", "version": "18.0.1.0.0", "author": "BOH",'
    ' "license": "LGPL-3", "development_status": "Beta",'
    ' "maintainers": ["boh-erp"], "depends": ["base"], "data": %s}'
)


def _addon(root, name="boh_sample", data=()):
    addon = root / name
    (addon / "readme").mkdir(parents=True)
    (addon / "__init__.py").write_text("")
    (addon / "__manifest__.py").write_text(MANIFEST % list(data))
    return addon


def test_every_addon_readme_is_up_to_date():
    tool = boh_tool()
    addons = [p.parent for p in sorted((ROOT / "addons").glob("*/__manifest__.py"))]
    assert addons
    problems = [e for a in addons for e in tool.readme.check_readme(a)]
    assert not problems, "\n".join(problems)


def test_readme_generated_from_fragments(tmp_path):
    tool = boh_tool()
    addon = _addon(tmp_path)
    (addon / "readme" / "DESCRIPTION.md").write_text(
        "Counts **stock** in `boh.store`.\n"
    )
    (addon / "readme" / "USAGE.md").write_text(
        "## On a phone\n\n- open *Counts*\n\n| key | meaning |\n|---|---|\n| a | b |\n"
    )
    assert tool.readme.check_readme(addon) == [
        f"{tmp_path.name}/boh_sample/README.rst: missing; run `./boh readme boh_sample`"
    ]
    pandoc = tool.lint_tools.pandoc_path()
    assert tool.readme.write_readme(addon, pandoc) is True
    text = (addon / "README.rst").read_text()
    assert text.startswith("==========\nBOH Sample\n==========\n")
    for expected in (
        "Counts **stock** in ``boh.store``.",
        "Usage\n=====\n",
        "On a phone\n----------\n",
        "licence-LGPL--3-blue",
        "maturity-Beta-yellow",
        "Authors\n-------\n\n- BOH\n",
        "Current maintainer: ``boh-erp``.",
        "source digest: " + tool.readme.source_digest(addon),
    ):
        assert expected in text
    assert text.index("Counts") < text.index(".. contents::") < text.index("Usage")
    assert tool.readme.check_readme(addon) == []
    assert tool.readme.write_readme(addon, pandoc) is False
    # a changed fragment makes the README out of date, until it is generated again
    (addon / "readme" / "USAGE.md").write_text("Open *Counts*.\n")
    assert "out of date" in tool.readme.check_readme(addon)[0]
    tool.readme.write_readme(addon, pandoc)
    assert tool.readme.check_readme(addon) == []
    # a README that does not render is refused
    (addon / "readme" / "USAGE.md").write_text("Title\n\n=====\n\n.. bogus:: x\n")
    (addon / "readme" / "USAGE.md").rename(addon / "readme" / "USAGE.rst")
    with pytest.raises(tool.readme.ReadmeError, match="would not render"):
        tool.readme.write_readme(addon, pandoc)


def test_xml_check_finds_broken_xml(tmp_path):
    tool = boh_tool()
    addon = _addon(tmp_path)
    (addon / "views").mkdir()
    (addon / "views" / "good.xml").write_text("<odoo><record id='a'/></odoo>\n")
    assert tool.xml_check.xml_errors(tool.xml_check.xml_files(tmp_path)) == []
    (addon / "views" / "bad.xml").write_text("<odoo>\n<record id='a'>\n</odoo>\n")
    errors = tool.xml_check.xml_errors(tool.xml_check.xml_files(tmp_path))
    assert len(errors) == 1
    assert "bad.xml:3: not well-formed XML" in errors[0]


def _oca(name, *args, cwd):
    bin_dir = boh_tool().lint_tools.ensure_python_tools()
    return subprocess.run(
        [str(bin_dir / name), *args], capture_output=True, text=True, cwd=cwd
    )


PO = """msgid ""
msgstr ""
"Project-Id-Version: Odoo Server 18.0\\n"
"Language: zh_CN\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: \\n"
"Plural-Forms: nplurals=1; plural=0;\\n"

#. module: boh_sample
#: code:addons/boh_sample/models/sample.py:0
#, python-format
msgid "Store %(name)s"
msgstr "门店 %(name)s"
"""


def test_po_check_catches_broken_files(tmp_path):
    lint = boh_tool().commands.lint
    po = tmp_path / "zh_CN.po"
    po.write_text(PO)
    disable = f"--disable={','.join(lint.OCA_PO_DISABLED)}"
    res = _oca("oca-checks-po", disable, str(po), cwd=tmp_path)
    assert res.returncode == 0, res.stdout + res.stderr
    # the placeholder is lost in the translation
    po.write_text(PO.replace('msgstr "门店 %(name)s"', 'msgstr "门店 %(nom)s"'))
    res = _oca("oca-checks-po", disable, str(po), cwd=tmp_path)
    assert res.returncode == 1
    assert "po-python-parse-printf" in res.stdout
    # two msgids in a row: not a .po file
    po.write_text(PO + '\nmsgid "a"\nmsgid "b"\nmsgstr "c"\n')
    res = _oca("oca-checks-po", disable, str(po), cwd=tmp_path)
    assert res.returncode == 1
    assert "po-syntax-error" in res.stdout


TEMPLATE = """<?xml version="1.0" encoding="UTF-8" ?>
<odoo>
    <template id="sample_page">
        <div><t t-out="store.name"/></div>
    </template>
</odoo>
"""


def test_oca_module_check_refuses_t_esc(tmp_path):
    addon = _addon(tmp_path, data=["views/templates.xml"])
    (addon / "views").mkdir()
    (addon / "views" / "templates.xml").write_text(TEMPLATE)
    res = _oca("oca-checks-odoo-module", "boh_sample", cwd=tmp_path)
    assert res.returncode == 0, res.stdout + res.stderr
    (addon / "views" / "templates.xml").write_text(TEMPLATE.replace("t-out", "t-esc"))
    res = _oca("oca-checks-odoo-module", "boh_sample", cwd=tmp_path)
    assert res.returncode == 1
    assert "templates.xml:4: xml-deprecated-qweb-directive-15" in res.stdout


def test_pre_commit_runs_the_checks_of_boh_lint():
    """.pre-commit-config.yaml pins the versions and disables the checks that
    ./boh lint does: a hook that drifted from `./boh lint` fails here."""
    import yaml  # noqa: PLC0415 (pre-commit's own dependency)

    tool = boh_tool()
    lint, pins = tool.commands.lint, tool.lint_tools
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    hooks = {h["id"]: h for repo in config["repos"] for h in repo["hooks"]}
    oca_pin = next(p for p in pins.PYTHON_TOOLS if p.startswith("oca-odoo-"))
    for hook_id in ("oca-checks-odoo-module", "oca-checks-po"):
        assert hooks[hook_id]["additional_dependencies"] == [oca_pin]
    # every OCA module check runs, as in `./boh lint`
    assert not hooks["oca-checks-odoo-module"].get("args")
    assert hooks["oca-checks-po"]["args"] == [
        f"--disable={','.join(lint.OCA_PO_DISABLED)}"
    ]
    npm = {f"{p}@{v}" for p, v in pins.NPM_TOOLS.items()}
    assert set(hooks["prettier"]["additional_dependencies"]) <= npm
    assert set(hooks["eslint"]["additional_dependencies"]) <= npm
    names = [name for name, _make in lint.checks(None)]
    assert {"ruff", "ruff-format", "oca-checks-po", "prettier", "eslint"} <= set(names)


def test_cli_lists_every_command_and_refuses_unknown_checks():
    res = _boh(["--help"], dict(os.environ))
    assert res.returncode == 0
    for command in ("setup", "run", "stop", "shell", "update", "demo", "pot"):
        assert command in res.stdout
    for command in ("lint", "readme", "test"):
        assert command in res.stdout
    res = _boh(["lint", "--no-install", "--only", "nonsense"], dict(os.environ))
    assert res.returncode == 2
    assert "unknown check nonsense" in res.stderr
