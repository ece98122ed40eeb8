"""No BOH addon depends, even indirectly, on an enterprise (OEEL/OPL) module."""

import ast

from boh_harness import ROOT

from odoo.modules.module import get_module_path

ALLOWED = {"LGPL-3", "AGPL-3", "GPL-3", "GPL-3 or any later version"}


def read_manifest(name):
    path = get_module_path(name, display_warning=False)
    assert path, f"module {name} is not found in the addons path"
    with open(f"{path}/__manifest__.py") as f:
        return ast.literal_eval(f.read())


def dependency_closure(names):
    seen, todo = {}, list(names)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        manifest = read_manifest(name)
        seen[name] = manifest
        todo.extend(manifest.get("depends", []))
    return seen


def test_boh_addons_depend_on_community_modules_only():
    boh = sorted(p.parent.name for p in (ROOT / "addons").glob("*/__manifest__.py"))
    assert "boh_base" in boh
    closure = dependency_closure(boh)
    assert {"base", "stock", "mail"} <= set(closure)
    bad = {
        name: manifest.get("license", "LGPL-3")
        for name, manifest in closure.items()
        if manifest.get("license", "LGPL-3") not in ALLOWED
    }
    assert not bad, f"modules with a non-community license in the closure: {bad}"


def test_license_check_catches_enterprise_modules():
    manifest = {"license": "OEEL-1"}
    assert manifest["license"] not in ALLOWED
