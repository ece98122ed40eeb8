"""README.rst of each addon, assembled from its readme/ fragments the OCA way.

The layout is that of OCA's oca-gen-addon-readme (maintainer-tools): title,
a "generated" comment with the digest of the sources, maturity and license
badges, DESCRIPTION, a table of contents, then Installation, Configuration,
Usage, Development, Known issues / Roadmap, Changelog, and Credits (authors
from the manifest, CONTRIBUTORS, CREDITS, maintainers).  Fragments are
readme/NAME.md (converted by pandoc) or readme/NAME.rst (taken as is).

`check_readme` is what `./boh lint` runs: README.rst exists, its digest is that
of the current sources (a fragment or the manifest changed without `./boh
readme`), and it renders without a docutils warning.
"""

import ast
import hashlib
import subprocess
from pathlib import Path

# Bump when the layout below changes: every README.rst is then out of date.
LAYOUT_VERSION = "1"
FRAGMENTS_DIR = "readme"
# (fragment, title): the sections after the table of contents.  Titles use "="
# and their subsections "-", as pandoc writes a fragment's "##" headings.
SECTIONS = [
    ("CONTEXT", "Use Cases / Context"),
    ("INSTALL", "Installation"),
    ("CONFIGURE", "Configuration"),
    ("USAGE", "Usage"),
    ("DEVELOP", "Development"),
    ("ROADMAP", "Known issues / Roadmap"),
    ("HISTORY", "Changelog"),
]
CREDIT_SECTIONS = [("CONTRIBUTORS", "Contributors"), ("CREDITS", "Other credits")]
ALL_FRAGMENTS = ["DESCRIPTION", *(n for n, _t in SECTIONS + CREDIT_SECTIONS)]
LICENSE_BADGES = {
    "AGPL-3": ("AGPL--3", "https://www.gnu.org/licenses/agpl-3.0-standalone.html"),
    "LGPL-3": ("LGPL--3", "https://www.gnu.org/licenses/lgpl-3.0-standalone.html"),
    "GPL-3": ("GPL--3", "https://www.gnu.org/licenses/gpl-3.0-standalone.html"),
}
MATURITY_BADGES = {
    "mature": "Mature-brightgreen",
    "production/stable": "Production%2FStable-green",
    "beta": "Beta-yellow",
    "alpha": "Alpha-red",
}
DIGEST_MARK = "!! source digest: "
# As pypa/readme_renderer and OCA: any docutils warning is an error.
RST_SETTINGS = {
    "file_insertion_enabled": False,
    "halt_level": 2,
    "raw_enabled": False,
    "report_level": 2,
    "warning_stream": False,
}


class ReadmeError(Exception):
    pass


def read_manifest(addon_dir):
    return ast.literal_eval((Path(addon_dir) / "__manifest__.py").read_text())


def fragment_files(addon_dir):
    """{NAME: path} of the fragments present (.md wins over .rst if both)."""
    found = {}
    for name in ALL_FRAGMENTS:
        for ext in (".md", ".rst"):
            path = Path(addon_dir) / FRAGMENTS_DIR / (name + ext)
            if path.exists() and path.read_text().strip():
                found[name] = path
                break
    return found


def has_readme_sources(addon_dir):
    return "DESCRIPTION" in fragment_files(addon_dir)


def source_digest(addon_dir):
    """What the README is made of: the layout, the manifest, the fragments."""
    manifest = read_manifest(addon_dir)
    digest = hashlib.sha256(f"layout {LAYOUT_VERSION}\n".encode())
    for key in ("name", "author", "license", "development_status", "maintainers"):
        digest.update(f"{key}={manifest.get(key)!r}\n".encode())
    for name, path in sorted(fragment_files(addon_dir).items()):
        digest.update(f"{name}{path.suffix}\n".encode() + path.read_bytes())
    return digest.hexdigest()[:32]


def to_rst(path, pandoc):
    text = Path(path).read_text()
    if Path(path).suffix == ".rst":
        return text.strip() + "\n"
    res = subprocess.run(
        [pandoc, "--from=markdown-smart", "--to=rst", "--columns=88"],
        input=text,
        capture_output=True,
        text=True,
        check=False,
    )
    if res.returncode:
        raise ReadmeError(f"pandoc failed on {path}: {res.stderr.strip()}")
    return res.stdout.strip() + "\n"


def _title(text, char, over=False):
    line = char * len(text)
    return f"{line}\n{text}\n{line}\n" if over else f"{text}\n{line}\n"


def render(addon_dir, pandoc):
    """The README.rst text of the addon."""
    addon_dir = Path(addon_dir)
    manifest = read_manifest(addon_dir)
    fragments = {n: to_rst(p, pandoc) for n, p in fragment_files(addon_dir).items()}
    if "DESCRIPTION" not in fragments:
        raise ReadmeError(f"{addon_dir.name} has no {FRAGMENTS_DIR}/DESCRIPTION.md")
    status = manifest.get("development_status", "Beta").lower()
    badges = []
    if status in MATURITY_BADGES:
        badges.append(
            (
                f"https://img.shields.io/badge/maturity-{MATURITY_BADGES[status]}.png",
                "https://odoo-community.org/page/development-status",
                manifest.get("development_status", "Beta"),
            )
        )
    if manifest.get("license") in LICENSE_BADGES:
        label, target = LICENSE_BADGES[manifest["license"]]
        badges.append(
            (
                f"https://img.shields.io/badge/licence-{label}-blue.png",
                target,
                f"License: {manifest['license']}",
            )
        )
    out = [
        _title(manifest["name"], "=", over=True),
        "..\n"
        "   !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n"
        "   !! This file is generated by ./boh readme         !!\n"
        "   !! from readme/*.md and __manifest__.py:          !!\n"
        "   !! changes made here will be overwritten.         !!\n"
        "   !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n"
        f"   {DIGEST_MARK}{source_digest(addon_dir)}\n"
        "   !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n",
    ]
    if badges:
        out.append(
            "".join(
                f".. |badge{i}| image:: {image}\n    :target: {target}\n"
                f"    :alt: {alt}\n"
                for i, (image, target, alt) in enumerate(badges, 1)
            )
            + "\n"
            + " ".join(f"|badge{i}|" for i in range(1, len(badges) + 1))
            + "\n"
        )
    out.append(fragments["DESCRIPTION"])
    if status == "alpha":
        out.append(
            ".. IMPORTANT::\n"
            "   This is an alpha version, the data model and design can change at"
            " any time without warning.\n"
            "   Only for development or testing purpose, do not use in production.\n"
        )
    out.append("**Table of contents**\n\n.. contents::\n   :local:\n")
    for name, title in SECTIONS:
        if name in fragments:
            out.append(_title(title, "=") + "\n" + fragments[name])
    credits = [_title("Credits", "=")]
    authors = [a.strip() for a in manifest.get("author", "").split(",") if a.strip()]
    if authors:
        credits.append(
            _title("Authors", "-") + "\n" + "".join(f"- {a}\n" for a in authors)
        )
    for name, title in CREDIT_SECTIONS:
        if name in fragments:
            credits.append(_title(title, "-") + "\n" + fragments[name])
    maintainers = manifest.get("maintainers") or []
    if maintainers:
        label = "maintainers" if len(maintainers) > 1 else "maintainer"
        credits.append(
            _title("Maintainers", "-")
            + f"\nCurrent {label}: "
            + ", ".join(f"``{m}``" for m in maintainers)
            + ".\n"
        )
    out.append("\n".join(credits))
    return "\n".join(out)


def readme_digest(readme_path):
    for line in Path(readme_path).read_text().splitlines():
        if DIGEST_MARK in line:
            return line.split(DIGEST_MARK, 1)[1].strip()
    return None


def rst_problems(text, source_path="README.rst"):
    """The docutils warnings and errors of the text ([] if it renders)."""
    from docutils.core import publish_string  # noqa: PLC0415 (an Odoo requirement)
    from docutils.utils import SystemMessage  # noqa: PLC0415

    try:
        publish_string(
            text,
            source_path=str(source_path),
            writer_name="html4css1",
            settings_overrides=RST_SETTINGS,
        )
    except SystemMessage as exc:
        return [str(exc)]
    return []


def check_readme(addon_dir):
    """The problems of the addon's README.rst ([] when it is up to date)."""
    addon_dir = Path(addon_dir)
    if not has_readme_sources(addon_dir):
        return []
    readme = addon_dir / "README.rst"
    label = f"{addon_dir.parent.name}/{addon_dir.name}/README.rst"
    if not readme.exists():
        return [f"{label}: missing; run `./boh readme {addon_dir.name}`"]
    if readme_digest(readme) != source_digest(addon_dir):
        return [
            f"{label}: out of date with {FRAGMENTS_DIR}/ or the manifest;"
            f" run `./boh readme {addon_dir.name}`"
        ]
    return [f"{label}: {p}" for p in rst_problems(readme.read_text(), readme)]


def write_readme(addon_dir, pandoc):
    """Write README.rst; returns True when it changed."""
    readme = Path(addon_dir) / "README.rst"
    text = render(addon_dir, pandoc)
    problems = rst_problems(text, readme)
    if problems:
        raise ReadmeError(f"{readme} would not render:\n" + "\n".join(problems))
    if readme.exists() and readme.read_text() == text:
        return False
    readme.write_text(text)
    return True
