"""One COPY for many computed rows (the ORM creates them one by one)."""

import csv
import io

from odoo.tools import SQL

NULLABLE = ("many2one", "selection", "char", "date", "datetime")


def bulk_insert(model, rows):
    """Insert ``rows`` (dicts of stored fields, all with the same keys) into
    ``model``'s table with one ``COPY``; returns the number of rows.

    For rows that only the computation writes: no default, no compute, no
    constraint of the ORM runs, so every value must be given.
    """
    if not rows:
        return 0
    fnames = sorted(rows[0])
    nullable = [model._fields[f].type in NULLABLE for f in fnames]
    booleans = [model._fields[f].type == "boolean" for f in fnames]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    log = [model.env.uid, model.env.cr.now()] * 2 if model._log_access else []
    for row in rows:
        values = []
        for fname, null, boolean in zip(fnames, nullable, booleans, strict=True):
            value = row[fname]
            if boolean:
                value = "t" if value else "f"
            elif null and not value:
                # the ORM's False is SQL's NULL (an unquoted empty field)
                value = None
            values.append(value)
        writer.writerow([*values, *log])
    buffer.seek(0)
    if log:
        fnames = [*fnames, "create_uid", "create_date", "write_uid", "write_date"]
    columns = SQL(", ").join(SQL.identifier(f) for f in fnames)
    query = SQL(
        "COPY %s (%s) FROM STDIN WITH (FORMAT csv)",
        SQL.identifier(model._table),
        columns,
    )
    model.env.cr.copy_expert(query.code, buffer)
    model.invalidate_model()
    return len(rows)
