"""One INSERT for many computed rows (the ORM creates them one by one)."""

from odoo.tools import SQL

CASTS = {
    "many2one": "int4",
    "integer": "int4",
    "float": "float8",
    "monetary": "float8",
    "boolean": "bool",
    "selection": "varchar",
    "char": "varchar",
    "date": "date",
    "datetime": "timestamp",
}


def bulk_insert(model, rows):
    """Insert ``rows`` (dicts of stored fields, all with the same keys) into
    ``model``'s table in one statement; returns the number of rows.

    For rows that only the computation writes: no default, no compute, no
    constraint of the ORM runs, so every value must be given.
    """
    if not rows:
        return 0
    fnames = sorted(rows[0])
    columns, arrays = [], []
    for fname in fnames:
        field = model._fields[fname]
        cast = CASTS[field.type]
        columns.append(SQL.identifier(fname))
        values = [row[fname] for row in rows]
        if field.type in ("many2one", "selection", "char", "date", "datetime"):
            # the ORM's False is SQL's NULL
            values = [value or None for value in values]
        arrays.append(SQL("%s::%s[]", values, SQL(cast)))
    uid = model.env.uid
    model.env.cr.execute(
        SQL(
            """
            INSERT INTO %(table)s (%(columns)s, create_uid, create_date,
                                   write_uid, write_date)
            SELECT *, %(uid)s, now() at time zone 'UTC', %(uid)s,
                   now() at time zone 'UTC'
              FROM unnest(%(arrays)s)
            """,
            table=SQL.identifier(model._table),
            columns=SQL(", ").join(columns),
            arrays=SQL(", ").join(arrays),
            uid=uid,
        )
    )
    model.invalidate_model()
    return len(rows)
