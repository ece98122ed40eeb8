"""docs/DEVELOPING.md describes the addons as their manifests define them."""

import ast
import re

from boh_harness import ROOT

DOC = ROOT / "docs" / "DEVELOPING.md"
EDGE = re.compile(r"^\s*(\w+)\s*(-->|-\.->)\s*(\w+)\s*$")


def _manifests():
    result = {}
    for path in sorted((ROOT / "addons").glob("*/__manifest__.py")):
        result[path.parent.name] = ast.literal_eval(path.read_text())
    return result


def _picture():
    text = DOC.read_text()
    block = re.search(r"```mermaid\n(.*?)```", text, re.S).group(1)
    edges = {}
    for line in block.splitlines():
        match = EDGE.match(line)
        if match:
            source, arrow, target = match.groups()
            edges[(source, target)] = arrow
    return edges


def test_dependency_picture_matches_the_manifests():
    manifests = _manifests()
    boh = {name for name in manifests if not name.startswith("test_")}
    expected = {}
    for name in boh:
        manifest = manifests[name]
        for dep in manifest.get("depends", []):
            if dep in boh:
                expected[(name, dep)] = (
                    "-.->" if manifest.get("auto_install") else "-->"
                )
    assert _picture() == expected


def test_addon_table_lists_each_addon_with_its_odoo_modules():
    manifests = _manifests()
    rows = {}
    for line in DOC.read_text().splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0] in manifests:
            rows[cells[0]] = {m.strip() for m in cells[2].split(",") if m.strip()}
    boh = {name for name in manifests if not name.startswith("test_")}
    assert set(rows) == boh
    for name in boh:
        odoo = {d for d in manifests[name].get("depends", []) if d not in manifests}
        assert rows[name] == odoo, name
