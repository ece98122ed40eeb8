"""./boh pot: export each addon's .pot and merge it into its zh_CN.po."""

import os
import secrets
import shutil
import tempfile
from pathlib import Path

from ..common import ADDONS, ODOO_SERIES, BohError, python_env, python_exe, run, say
from ..config import install_addons, odoo_cmd, write_config
from ..odoo_install import ensure_python
from ..postgres import server_for


def merge_po(pot_path, po_path):
    """Bring zh_CN.po up to date with the .pot, keeping its translations."""
    import polib  # noqa: PLC0415 (one of Odoo's own requirements)

    pot = polib.pofile(str(pot_path))
    # The exported header names the exact Odoo build: keep it to the series.
    pot.metadata["Project-Id-Version"] = f"Odoo Server {ODOO_SERIES}"
    pot.save(str(pot_path))
    po = polib.pofile(str(po_path)) if po_path.exists() else polib.POFile()
    known = {(e.msgctxt, e.msgid): e for e in po}
    merged = polib.POFile(wrapwidth=78)
    merged.metadata = dict(pot.metadata)
    merged.metadata.update(
        {"Language": "zh_CN", "Plural-Forms": "nplurals=1; plural=0;"}
    )
    for entry in pot:
        old = known.get((entry.msgctxt, entry.msgid))
        entry.msgstr = old.msgstr if old else ""
        merged.append(entry)
    merged.save(str(po_path))
    missing = [e.msgid for e in merged if not e.msgstr]
    return len(merged), missing


def cmd_pot(args):
    """Export each addon's .pot and merge it into its i18n/zh_CN.po."""
    python = python_exe()
    ensure_python(python, install=False)
    work = Path(tempfile.mkdtemp(prefix="boh-pot-"))
    os.chmod(work, 0o755)
    server = server_for(work)
    db = f"boh_pot_{secrets.token_hex(4)}"
    try:
        server.start()
        config = work / "odoo.conf"
        write_config(
            config,
            server,
            work / "data",
            logfile=work / "odoo.log",
            extra={"without_demo": "all", "max_cron_threads": 0},
        )
        res = install_addons(python, config, db, args.addons)
        if res.returncode:
            raise BohError("install failed; see " + str(work / "odoo.log"))
        for addon in args.addons:
            i18n = ADDONS / addon / "i18n"
            i18n.mkdir(exist_ok=True)
            pot = i18n / f"{addon}.pot"
            res = run(
                odoo_cmd(
                    python,
                    config,
                    "-d",
                    db,
                    f"--i18n-export={pot}",
                    f"--modules={addon}",
                    "--stop-after-init",
                ),
                check=False,
                env=python_env(),
            )
            if res.returncode:
                raise BohError(f"export of {addon} failed")
            total, missing = merge_po(pot, i18n / "zh_CN.po")
            say(f"{addon}: {total} terms, {len(missing)} without a zh_CN translation")
            for msgid in missing[: args.show]:
                say(f"  untranslated: {msgid[:100]!r}")
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)
