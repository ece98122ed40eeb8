from odoo.addons.boh_base.lib.migration import move_to_addon


def migrate(cr, version):
    if not version:
        return
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
