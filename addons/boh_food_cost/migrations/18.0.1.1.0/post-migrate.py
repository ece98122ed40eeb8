"""Food cost lines and menu engineering rows lose their copies of the
period's store and company (now related fields) and their log columns.

Each of these columns had a foreign key checked for every row the
computation inserts; the columns are dropped with their constraints and
indexes (the rows are computed: computing the periods again rebuilds them).
"""

from odoo.tools import SQL

COLUMNS = (
    "store_id",
    "company_id",
    "create_uid",
    "create_date",
    "write_uid",
    "write_date",
)


def migrate(cr, version):
    if not version:
        return
    for table in ("boh_food_cost_line", "boh_menu_engineering"):
        cr.execute(
            SQL(
                "ALTER TABLE %s %s",
                SQL.identifier(table),
                SQL(", ").join(
                    SQL("DROP COLUMN IF EXISTS %s", SQL.identifier(column))
                    for column in COLUMNS
                ),
            )
        )
