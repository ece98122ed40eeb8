"""Reading Odoo's logs: the errors the test and install steps fail on."""

import re
from pathlib import Path

# A record of an Odoo log: "date time pid LEVEL db logger: message".
LOG_RECORD_RE = re.compile(r"^\d{4}-\d\d-\d\d \S+ \d+ (\w+) \S+ ([\w.]+): ")
# Loggers of Odoo, its addons (BOH and OCA included) and its HTTP layer.
ODOO_LOGGER_RE = re.compile(r"^(odoo|werkzeug)(\.|$)")


def scan_log(path):
    """The errors of an Odoo log, each with the first lines of its record.

    An error is an ERROR or CRITICAL record of Odoo or of an addon, or a
    traceback outside any record.  Records of other libraries that run in the
    same process (the engine's numerical libraries during its tests) are not
    Odoo's: their own tests judge them.
    """
    if not Path(path).exists():
        return []
    lines = Path(path).read_text(errors="replace").splitlines()
    hits = []
    in_record = False
    for i, line in enumerate(lines):
        match = LOG_RECORD_RE.match(line)
        if match:
            in_record = True
            level, logger = match.groups()
            if level in ("ERROR", "CRITICAL") and ODOO_LOGGER_RE.match(logger):
                hits.append("\n".join(lines[i : i + 12]))
        elif line.startswith("Traceback (most recent") and not in_record:
            hits.append("\n".join(lines[i : i + 12]))
    return hits
