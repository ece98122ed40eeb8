"""Counts and waste moved to boh_store_ops: their models, records and data
stay, now owned by that addon, which this update installs."""

from odoo.addons.boh_base.lib.migration import move_to_addon


def migrate(cr, version):
    if not version:
        return
    move_to_addon(
        cr,
        "boh_ordering",
        "boh_store_ops",
        models=[
            "boh.stock.count",
            "boh.stock.count.line",
            "boh.waste",
        ],
    )
