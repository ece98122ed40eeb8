"""Helpers shared by the engine benchmarks (data location, peak memory, tables)."""

from __future__ import annotations

import os
import resource
import shlex
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def data_dir() -> Path:
    """Folder of the real data sets: $BOH_DATA_DIR or ../shared/data beside the repo."""
    env = os.environ.get("BOH_DATA_DIR")
    folder = Path(env) if env else ROOT.parent / "shared" / "data"
    if not folder.is_dir():
        sys.exit(
            f"data folder {folder} is missing: put the shared data beside the "
            "repository (../shared/data) or set BOH_DATA_DIR"
        )
    return folder


def command_line() -> str:
    """The command that ran this benchmark, relative to the repository."""
    script = Path(sys.argv[0]).resolve()
    try:
        script = script.relative_to(ROOT)
    except ValueError:
        script = Path(script.name)
    return " ".join(
        ["python", shlex.quote(str(script))] + [shlex.quote(a) for a in sys.argv[1:]]
    )


def peak_rss_mb() -> float:
    """Peak resident memory of this process and its finished children, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, kids) / 1024


def markdown(rows: list[dict], floats: str = "{:.4f}") -> str:
    """A list of dicts as a Markdown table."""
    keys = list(rows[0])
    lines = ["| " + " | ".join(keys) + " |", "|" + "---|" * len(keys)]
    for r in rows:
        cells = [
            floats.format(v) if isinstance(v, float) else str(v) for v in r.values()
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)
