"""./boh lint: the checks of .pre-commit-config.yaml, on the whole repository.

Python: ruff, ruff-format, pylint-odoo (mandatory checks).  Addons: OCA's
oca-checks-odoo-module (manifest, XML data, CSV) and oca-checks-po, XML
well-formedness of every .xml, README.rst up to date.  JavaScript under
addons/*/static/{src,tests}: prettier (--check) and eslint (errors fail,
warnings are printed).  Deprecated t-esc/t-raw are reported, not failed on.
"""

import functools

from ..common import ADDONS, ROOT, BohError, python_env, python_exe, run, say
from ..lint_tools import ensure_node_tools, ensure_python_tools, node_env
from ..odoo_install import ensure_python
from ..readme import check_readme
from ..xml_check import xml_errors, xml_files

# As OCA's addon template: the .po files are formatted by Odoo's export.
OCA_PO_DISABLED = ["po-pretty-format"]
JS_GLOBS = ["addons/*/static/src/**/*.js", "addons/*/static/tests/**/*.js"]


def addon_dirs():
    """The addons, relative to the repository (the checks run from there)."""
    return [
        str(p.parent.relative_to(ROOT))
        for p in sorted(ADDONS.glob("*/__manifest__.py"))
    ]


def po_files():
    return [
        str(p.relative_to(ROOT))
        for pattern in ("*/i18n/*.po", "*/i18n/*.pot")
        for p in sorted(ADDONS.glob(pattern))
    ]


def builtin(problems):
    for problem in problems:
        print(problem)
    return 1 if problems else 0


class Tools:
    """The tools the checks run, installed on first use."""

    def __init__(self, install):
        self.install = install

    @functools.cached_property
    def python(self):
        python = python_exe()
        ensure_python(python, tests=True, install=self.install)
        return python

    @functools.cached_property
    def oca(self):
        return ensure_python_tools(install=self.install)

    @functools.cached_property
    def node(self):
        return ensure_node_tools(install=self.install)


def checks(tools):
    """(name, function returning a command or an exit code), in order."""
    return [
        ("ruff", lambda: [tools.python, "-m", "ruff", "check", "."]),
        ("ruff-format", lambda: [tools.python, "-m", "ruff", "format", "--check", "."]),
        (
            "pylint-odoo",
            lambda: (
                [tools.python, "-m", "pylint", "--rcfile=.pylintrc-mandatory"]
                + addon_dirs()
            ),
        ),
        (
            "oca-checks-odoo-module",
            lambda: ([str(tools.oca / "oca-checks-odoo-module"), *addon_dirs()]),
        ),
        (
            "oca-checks-po",
            lambda: (
                [str(tools.oca / "oca-checks-po")]
                + [f"--disable={','.join(OCA_PO_DISABLED)}", *po_files()]
            ),
        ),
        ("xml-wellformed", lambda: builtin(xml_errors(xml_files(ADDONS)))),
        (
            "readme",
            lambda: builtin([e for d in addon_dirs() for e in check_readme(ROOT / d)]),
        ),
        ("prettier", lambda: [str(tools.node / "prettier"), "--check", *JS_GLOBS]),
        (
            "eslint",
            lambda: [str(tools.node / "eslint"), "--no-warn-ignored", *JS_GLOBS],
        ),
    ]


def cmd_lint(args):
    """Run the linters of .pre-commit-config.yaml (Python, XML, .po, JS, READMEs)."""
    tools = Tools(install=not args.no_install)
    todo = checks(tools)
    if args.only:
        known = {name for name, _cmd in todo}
        unknown = set(args.only) - known
        if unknown:
            raise BohError(
                f"unknown check {', '.join(sorted(unknown))};"
                f" the checks are {', '.join(name for name, _cmd in todo)}"
            )
        todo = [(name, cmd) for name, cmd in todo if name in args.only]
    failed = []
    for name, make in todo:
        say(f"lint: {name}")
        result = make()  # a command to run, or the exit code of a built-in check
        if isinstance(result, list):
            env = node_env() if name in ("prettier", "eslint") else python_env()
            result = run(result, check=False, cwd=ROOT, env=env).returncode
        if result:
            failed.append(name)
    if failed:
        raise BohError("lint failed: " + ", ".join(failed))
    say("lint: all checks passed")
