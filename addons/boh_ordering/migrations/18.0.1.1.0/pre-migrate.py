"""Counts and waste moved to boh_store_ops, receiving and claims to
boh_receiving, central-kitchen manufacturing to boh_ordering_mrp: their
models, records and data stay, now owned by those addons, which this update
installs."""

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
    # Receiving (the wizard, its lines and lots) and claims left for
    # boh_receiving, with the fields they add to the models that stay.
    move_to_addon(
        cr,
        "boh_ordering",
        "boh_receiving",
        models=[
            "boh.claim",
            "boh.receive.wizard",
            "boh.receive.wizard.line",
            "boh.receive.wizard.lot",
        ],
        fields={
            "boh.store.order": ["claim_ids", "claim_count"],
            "boh.store.order.line": ["claim_ids"],
            "stock.picking": ["boh_claim_ids", "boh_claim_count"],
        },
    )
    # Central kitchen manufacturing: boh_ordering no longer depends on mrp.
    move_to_addon(
        cr,
        "boh_ordering",
        "boh_ordering_mrp",
        models=["boh.kitchen.production"],
        fields={
            "boh.store.order": ["production_ids", "production_count"],
            "boh.store.order.fulfilment": ["production_ids", "production_count"],
        },
    )
