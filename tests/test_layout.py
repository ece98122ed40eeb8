"""Every test module of an addon is imported by its tests package, so that
Odoo's own test runner (used for the optional-addon runs and by anyone running
`odoo --test-enable`) runs the same tests as pytest-odoo."""

import ast

from boh_harness import ROOT

# Modules that hold only base classes for other test modules.
BASES = {"test_receiving_common"}


def test_tests_packages_import_every_test_module():
    missing = []
    for package in sorted((ROOT / "addons").glob("*/tests/__init__.py")):
        tree = ast.parse(package.read_text())
        imported = {
            alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom)
            for alias in node.names
        }
        for module in sorted(package.parent.glob("test_*.py")):
            if module.stem not in imported and module.stem not in BASES:
                missing.append(f"{package.parent.relative_to(ROOT)}/{module.name}")
    assert not missing, f"not imported by their tests/__init__.py: {missing}"
