"""The linters that do not live in Odoo's Python: OCA's pre-commit hooks (and
pandoc, for the READMEs) in a virtualenv of their own, prettier and eslint from
npm.  Both go into .boh/ and are pinned here; .pre-commit-config.yaml pins the
same versions (tests/test_harness.py checks that they agree).

OCA's hooks pin polib and click to versions other than Odoo's environment has:
a virtualenv keeps them from changing what Odoo runs with.
"""

import glob
import json
import os
import shutil

from .common import STATE, BohError, python_exe, run, say

PYTHON_TOOLS = [
    "oca-odoo-pre-commit-hooks==0.2.27",
    "pypandoc-binary==1.17",
]
NPM_TOOLS = {
    "prettier": "3.3.3",
    "eslint": "9.12.0",
    "eslint-plugin-jsdoc": "50.3.1",
    "globals": "16.0.0",
}
LINT_VENV = STATE / "lint-venv"
NODE_PREFIX = STATE / "node"
NODE_MODULES = NODE_PREFIX / "node_modules"


def venv_bin(name):
    return LINT_VENV / "bin" / name


def ensure_python_tools(install=True):
    """The virtualenv .boh/lint-venv with PYTHON_TOOLS; returns its bin folder."""
    stamp = LINT_VENV / "boh-requirements.txt"
    wanted = "\n".join(PYTHON_TOOLS) + "\n"
    if venv_bin("python").exists() and stamp.exists() and stamp.read_text() == wanted:
        return venv_bin("python").parent
    if not install:
        raise BohError(
            f"the Python lint tools ({', '.join(PYTHON_TOOLS)}) are not installed"
            f" in {LINT_VENV}; run `./boh lint` without --no-install"
        )
    say(f"installing {', '.join(PYTHON_TOOLS)} into {LINT_VENV}")
    if not venv_bin("python").exists():
        res = run([python_exe(), "-m", "venv", str(LINT_VENV)], check=False)
        if res.returncode:
            raise BohError(
                f"could not create the virtualenv {LINT_VENV}"
                " (Debian: `apt-get install python3-venv`)"
            )
    res = run(
        [str(venv_bin("python")), "-m", "pip", "install", "-q", *PYTHON_TOOLS],
        check=False,
    )
    if res.returncode:
        raise BohError(f"pip install {' '.join(PYTHON_TOOLS)} failed (see above)")
    stamp.write_text(wanted)
    return venv_bin("python").parent


def pandoc_path(install=True):
    """The pandoc binary that pypandoc-binary ships in the lint virtualenv."""
    ensure_python_tools(install=install)
    found = glob.glob(
        str(
            LINT_VENV
            / "lib"
            / "python*"
            / "site-packages"
            / "pypandoc"
            / "files"
            / "pandoc"
        )
    )
    if not found:
        raise BohError(f"pypandoc-binary in {LINT_VENV} ships no pandoc binary")
    return found[0]


def _npm_version(package):
    manifest = NODE_MODULES / package / "package.json"
    if not manifest.exists():
        return None
    return json.loads(manifest.read_text()).get("version")


def ensure_node_tools(install=True):
    """prettier and eslint (with eslint.config.cjs's plugins) in .boh/node."""
    wrong = [p for p, v in NPM_TOOLS.items() if _npm_version(p) != v]
    if not wrong:
        return NODE_MODULES / ".bin"
    pinned = [f"{p}@{v}" for p, v in NPM_TOOLS.items()]
    if not install:
        raise BohError(
            f"the JavaScript lint tools ({', '.join(pinned)}) are not installed in"
            f" {NODE_PREFIX}; run `./boh lint` without --no-install"
        )
    npm = shutil.which("npm")
    if not (npm and shutil.which("node")):
        raise BohError(
            "node and npm are missing: `./boh lint` checks the JavaScript with"
            " prettier and eslint from npm. Install them (Debian: `apt-get install"
            " nodejs npm`) and run again."
        )
    say(f"installing {', '.join(pinned)} into {NODE_PREFIX}")
    NODE_PREFIX.mkdir(parents=True, exist_ok=True)
    res = run(
        [npm, "install", "--prefix", str(NODE_PREFIX), "--no-audit", "--no-fund"]
        + ["--save-exact", *pinned],
        check=False,
    )
    if res.returncode:
        raise BohError(f"npm install {' '.join(pinned)} failed (see above)")
    return NODE_MODULES / ".bin"


def node_env():
    """eslint.config.cjs requires its plugins: found through NODE_PATH."""
    return dict(os.environ, NODE_PATH=str(NODE_MODULES))
