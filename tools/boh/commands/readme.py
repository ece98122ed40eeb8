"""./boh readme: README.rst of each addon from its readme/ fragments."""

from ..common import ADDONS, BohError, say
from ..lint_tools import pandoc_path
from ..readme import ReadmeError, has_readme_sources, write_readme


def readme_addons(names=None):
    dirs = [p.parent for p in sorted(ADDONS.glob("*/__manifest__.py"))]
    if names:
        unknown = set(names) - {d.name for d in dirs}
        if unknown:
            raise BohError(f"no addon named {', '.join(sorted(unknown))}")
        dirs = [d for d in dirs if d.name in names]
    return [d for d in dirs if has_readme_sources(d)]


def cmd_readme(args):
    """Generate each addon's README.rst from its readme/*.md (the OCA layout)."""
    pandoc = pandoc_path(install=not args.no_install)
    changed = 0
    for addon_dir in readme_addons(args.addons):
        try:
            if write_readme(addon_dir, pandoc):
                changed += 1
                say(f"{addon_dir.name}: README.rst written")
        except ReadmeError as exc:
            raise BohError(str(exc)) from exc
    say(f"readme: {changed} README.rst changed")
