"""Fields of the planning lists (consolidation of the central sites, the
production list of the central kitchens in boh_ordering_mrp): read-only
quantities."""

from odoo import fields


def planned_qty(string, aggregator="max", help=None):
    """A read-only quantity of a planning list, totalled with ``aggregator``
    when the list is grouped (``max`` for running totals and stock)."""
    return fields.Float(string=string, readonly=True, aggregator=aggregator, help=help)
