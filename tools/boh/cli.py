"""The command line of ./boh: one subcommand per cmd_* function."""

import argparse
import os
import sys

from . import __doc__ as DESCRIPTION
from .commands import lint
from .commands.database import cmd_demo, cmd_shell, cmd_update
from .commands.i18n import cmd_pot
from .commands.lint import cmd_lint
from .commands.readme import cmd_readme
from .commands.run import cmd_run, cmd_stop
from .commands.setup import cmd_setup
from .commands.test import cmd_test
from .common import RUN_DB, BohError


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="boh",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command")
    p = sub.add_parser("setup", help=cmd_setup.__doc__)
    p.set_defaults(func=cmd_setup)
    p = sub.add_parser("run", help=cmd_run.__doc__)
    p.add_argument(
        "--port", type=int, default=int(os.environ.get("BOH_HTTP_PORT", 8069))
    )
    p.add_argument("--database", default=RUN_DB)
    p.add_argument("--workers", type=int, default=0, help="Odoo worker processes")
    p.add_argument("--detach", action="store_true", help="run in the background")
    p.add_argument(
        "--addons",
        type=lambda s: s.split(","),
        help="install only these addons (default: every BOH addon)",
    )
    p.set_defaults(func=cmd_run)
    p = sub.add_parser("stop", help=cmd_stop.__doc__)
    p.set_defaults(func=cmd_stop)
    p = sub.add_parser("shell", help=cmd_shell.__doc__)
    p.add_argument("--database", default=RUN_DB)
    p.set_defaults(func=cmd_shell)
    p = sub.add_parser("update", help=cmd_update.__doc__)
    p.add_argument("addons", nargs="+")
    p.add_argument("--database", default=RUN_DB)
    p.set_defaults(func=cmd_update)
    p = sub.add_parser("demo", help=cmd_demo.__doc__)
    p.add_argument("--stores", type=int, default=20)
    p.add_argument("--products", type=int, default=200)
    p.add_argument("--days", type=int, default=365)
    p.add_argument("--suppliers", type=int, default=10)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--database")
    p.set_defaults(func=cmd_demo)
    p = sub.add_parser("pot", help=cmd_pot.__doc__)
    p.add_argument("addons", nargs="+")
    p.add_argument("--show", type=int, default=20, help="untranslated terms to list")
    p.set_defaults(func=cmd_pot)
    p = sub.add_parser(
        "lint",
        help=cmd_lint.__doc__,
        description=lint.__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--no-install", action="store_true")
    p.add_argument(
        "--only",
        type=lambda s: s.split(","),
        help="only these checks, comma-separated (e.g. eslint,prettier)",
    )
    p.set_defaults(func=cmd_lint)
    p = sub.add_parser("readme", help=cmd_readme.__doc__)
    p.add_argument("addons", nargs="*", help="only these addons (default: all)")
    p.add_argument(
        "--no-install",
        action="store_true",
        help="fail instead of installing pandoc into .boh/lint-venv",
    )
    p.set_defaults(func=cmd_readme)
    p = sub.add_parser("test", help=cmd_test.__doc__)
    p.add_argument("--addons", type=lambda s: s.split(","), help="only these addons")
    p.add_argument("--keep", action="store_true", help="keep the throwaway folder")
    p.add_argument(
        "--no-install",
        action="store_true",
        help="fail instead of installing what is missing",
    )
    p.add_argument("pytest_args", nargs="*", help="passed to pytest (after --)")
    p.set_defaults(func=cmd_test)
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 0
    try:
        return args.func(args) or 0
    except BohError as exc:
        print(f"boh: error: {exc}", file=sys.stderr, flush=True)
        return 2
