"""Every XML file of the addons parses (OCA's module checks only read the files
the manifest names; OWL templates and test data are XML too)."""

import xml.etree.ElementTree as ET
from pathlib import Path


def xml_files(addons_dir):
    return sorted(
        p
        for p in Path(addons_dir).glob("*/**/*.xml")
        if "/static/lib/" not in p.as_posix()
    )


def xml_errors(paths):
    """One 'path:line: message' per file that is not well-formed XML."""
    errors = []
    for path in paths:
        try:
            ET.parse(path)
        except ET.ParseError as exc:
            line = exc.position[0] if exc.position else 0
            errors.append(f"{path}:{line}: not well-formed XML: {exc}")
    return errors
