"""./boh setup"""

from ..common import ODOO_SERIES, python_exe, say
from ..odoo_install import ensure_browser, ensure_python, ensure_report_tools
from ..postgres import ensure_postgres


def cmd_setup(args):
    """Install everything BOH needs on this machine."""
    python = python_exe()
    ensure_python(python, tests=True)
    ensure_postgres()
    ensure_browser(python)
    ensure_report_tools()
    say(f"ready: Odoo {ODOO_SERIES} importable by {python}, PostgreSQL, Chromium")
