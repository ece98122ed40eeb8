"""Moving models, fields and data records from one addon to another.

When a feature moves to an addon of its own, databases that already run it
keep their records: the migration script of the addon it leaves (a
``pre-migrate`` of the release that drops it) gives the new addon the
database entries the old one created, and marks the new addon to install,
so that upgrading the old addon installs the new one in the same run and
nothing is deleted and recreated.  Odoo's loader picks up modules marked
``to install`` while it loads, and the ``ir.model.data`` entries then belong
to the addon whose code declares them.

What moves:

* the models listed (``ir.model``, their fields, selection values,
  inherits, SQL constraints and many2many tables);
* fields the new addon adds to models that stay (``fields``);
* every record whose XML id the new addon's data files declare and the old
  addon's no longer do (views, actions, menus, access rights, rules,
  sequences, crons...).

This is how OCA's OpenUpgrade moves models between modules
(``update_module_moved_models`` / ``update_module_moved_fields``); BOH keeps
it in one place so every addon's migration reads the same.
"""

import ast
import csv
import logging
import os
from xml.etree import ElementTree

from odoo.modules.module import get_module_path

_logger = logging.getLogger(__name__)

XML_ID_TAGS = ("record", "menuitem", "template", "function", "report", "act_window")


# A field moves with its model, or when it is listed in ``fields``.
FIELD_MOVES = (
    "(f.model = ANY(%(models)s) OR (f.model || '.' || f.name) = ANY(%(fields)s))"
)
# The entries Odoo keeps of a model's definition: (their model, the table
# with its joins, what ties an entry to what moves).
REFLECTIONS = (
    ("ir.model", "ir_model m", "d.res_id = m.id AND m.model = ANY(%(models)s)"),
    ("ir.model.fields", "ir_model_fields f", f"d.res_id = f.id AND {FIELD_MOVES}"),
    (
        "ir.model.fields.selection",
        "ir_model_fields_selection s JOIN ir_model_fields f ON f.id = s.field_id",
        f"d.res_id = s.id AND {FIELD_MOVES}",
    ),
    (
        "ir.model.inherit",
        "ir_model_inherit i JOIN ir_model m ON m.id = i.model_id",
        "d.res_id = i.id AND m.model = ANY(%(models)s)",
    ),
)


def declared_xmlids(module):
    """The XML ids the data and demo files of ``module`` declare (names only,
    for those of the module itself)."""
    path = get_module_path(module)
    if not path:
        raise ValueError(f"Module {module} is not in the addons path.")
    with open(os.path.join(path, "__manifest__.py"), encoding="utf-8") as manifest:
        terp = ast.literal_eval(manifest.read())
    names = set()
    for filename in terp.get("data", []) + terp.get("demo", []):
        full = os.path.join(path, filename)
        if filename.endswith(".csv"):
            with open(full, encoding="utf-8", newline="") as handle:
                names.update(row["id"] for row in csv.DictReader(handle) if row["id"])
        elif filename.endswith(".xml"):
            for element in ElementTree.parse(full).iter():
                if element.tag in XML_ID_TAGS and element.get("id"):
                    names.add(element.get("id"))
    own = {name.removeprefix(f"{module}.") for name in names}
    return {name for name in own if "." not in name}


def move_models(cr, old_module, new_module, models=(), fields=None):
    """Give ``new_module`` the ``ir.model`` entries of ``models`` and of the
    extra ``fields`` (``{model: [field names]}``) that ``old_module`` created."""
    models = list(models)
    params = {
        "old": old_module,
        "new": new_module,
        "models": models,
        "fields": [
            f"{model}.{name}"
            for model, names in (fields or {}).items()
            for name in names
        ],
    }
    for entry_model, source, moved in REFLECTIONS:
        cr.execute(
            f"""
            UPDATE ir_model_data d SET module = %(new)s
              FROM {source}
             WHERE d.module = %(old)s AND d.model = '{entry_model}' AND {moved}
            """,  # noqa: S608 - the clauses are the constants of REFLECTIONS
            params,
        )
    for table in ("ir_model_constraint", "ir_model_relation"):
        cr.execute(
            f"""
            UPDATE {table} t SET module = new.id
              FROM ir_module_module old, ir_module_module new, ir_model m
             WHERE old.name = %(old)s AND new.name = %(new)s
               AND t.module = old.id AND t.model = m.id
               AND m.model = ANY(%(models)s)
            """,  # noqa: S608 - the table name is one of the two above
            params,
        )


def move_records(cr, old_module, new_module, names):
    """Give ``new_module`` the XML ids ``names`` of ``old_module``."""
    cr.execute(
        """
        UPDATE ir_model_data SET module = %(new)s
         WHERE module = %(old)s AND name = ANY(%(names)s)
           AND NOT EXISTS (
               SELECT 1 FROM ir_model_data n
                WHERE n.module = %(new)s AND n.name = ir_model_data.name)
        """,
        {"old": old_module, "new": new_module, "names": sorted(names)},
    )
    return cr.rowcount


def mark_to_install(cr, module, like_module):
    """Install ``module`` in the running update if it is not installed yet,
    with demo data if ``like_module`` has them."""
    cr.execute(
        """
        UPDATE ir_module_module SET state = 'to install',
               demo = (SELECT demo FROM ir_module_module WHERE name = %s)
         WHERE name = %s AND state IN ('uninstalled', 'to remove')
        """,
        (like_module, module),
    )


def move_to_addon(cr, old_module, new_module, models=(), fields=None):
    """Move ``models``, extra ``fields`` and the records the data files of
    ``new_module`` declare from ``old_module`` to ``new_module``, and install
    ``new_module``.  Call it from a pre-migrate script of ``old_module``."""
    cr.execute("SELECT 1 FROM ir_module_module WHERE name = %s", (new_module,))
    if not cr.rowcount:
        # An update run refreshes the module list before it migrates.
        raise RuntimeError(f"Module {new_module} is not in the module list.")
    move_models(cr, old_module, new_module, models, fields)
    # An XML id moves when the new addon declares it and the old one no longer
    # does (a view of the new addon may extend the old one under its name).
    names = declared_xmlids(new_module) - declared_xmlids(old_module)
    moved = move_records(cr, old_module, new_module, names)
    mark_to_install(cr, new_module, old_module)
    _logger.info(
        "Moved %s records and the models %s from %s to %s",
        moved,
        ", ".join(models) or "-",
        old_module,
        new_module,
    )
