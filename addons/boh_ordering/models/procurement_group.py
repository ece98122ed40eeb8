"""Bulk procurement of store orders.

Approving many store orders runs one ``procurement.group.run`` with every
line. Odoo then looks up the stock rule of each procurement with one query,
checks each new move for a kit bill of materials with another, gathers the
quants of the source location once per move to reserve it, and looks for
moves to merge each new move into. In a bulk run the rule only depends on a
few keys (routes of the product, location, warehouse, company) and the quants
of a product in a location do not change while moves are confirmed, so they
are computed once per key; the new moves of store order lines never merge
(each line is procured once, and the line is a distinct field of the merge);
the analytic distribution models of a new purchase line are searched once per
product, supplier and company instead of once per line.
"""

import contextlib
import itertools

from odoo import api, models
from odoo.tools import OrderedSet

BULK_KEY = "boh_bulk_procurement"
_CACHES = {}
_TOKENS = itertools.count(1)


@contextlib.contextmanager
def bulk_procurement(env):
    """An environment whose procurements share a rule cache, for the block."""
    token = next(_TOKENS)
    _CACHES[token] = {"rule": {}, "quant": {}, "analytic": {}}
    try:
        yield env(context=dict(env.context, **{BULK_KEY: token}))
    finally:
        _CACHES.pop(token, None)


def _cache(env, name):
    caches = _CACHES.get(env.context.get(BULK_KEY))
    return None if caches is None else caches[name]


class ProcurementGroup(models.Model):
    _inherit = "procurement.group"

    @api.model
    def _boh_rule_key(self, product_id, location_id, values):
        """Everything ``_get_rule`` reads from a procurement."""

        def ids(records):
            return tuple(sorted(records.ids)) if records else ()

        product_routes = product_id.route_ids | product_id.categ_id.total_route_ids
        return (
            ids(product_routes),
            location_id.id,
            ids(values.get("route_ids")),
            ids(values.get("product_packaging_id")),
            "warehouse_id" in values,
            ids(values.get("warehouse_id")),
            ids(values.get("company_id")),
            self.env.su,
            self.env.uid,
        )

    @api.model
    def _get_rule(self, product_id, location_id, values):
        cache = _cache(self.env, "rule")
        if cache is None:
            return super()._get_rule(product_id, location_id, values)
        key = self._boh_rule_key(product_id, location_id, values)
        if key not in cache:
            cache[key] = super()._get_rule(product_id, location_id, values).ids
        return self.env["stock.rule"].browse(cache[key])


class StockMove(models.Model):
    _inherit = "stock.move"

    def action_explode(self):
        """In a bulk run, one query tells whether any product is a kit."""
        if not self.env.context.get(BULK_KEY) or not self:
            return super().action_explode()
        Bom = self.env["mrp.bom"].sudo()
        for company in self.company_id:
            products = self.filtered(lambda m, c=company: m.company_id == c).product_id
            boms = Bom._bom_find(products, company_id=company.id, bom_type="phantom")
            if any(boms.values()):
                return super().action_explode()
        # No kit: every move stays as it is, as the standard method returns it.
        return self.browse(list(OrderedSet(self.ids)))

    def _merge_moves(self, merge_into=False):
        """New moves of store order lines have nothing to merge with."""
        if (
            self.env.context.get(BULK_KEY)
            and not merge_into
            and self
            and all(
                move.boh_order_line_id
                and move.product_uom_qty > 0
                and move.state not in ("done", "cancel")
                for move in self
            )
            and not self._boh_has_merge_candidates()
        ):
            return self
        return super()._merge_moves(merge_into=merge_into)

    def _boh_has_merge_candidates(self):
        """Whether other open moves of the same store order lines exist."""
        return bool(
            self.search_count(
                [
                    ("boh_order_line_id", "in", self.boh_order_line_id.ids),
                    ("location_id", "in", self.location_id.ids),
                    ("location_dest_id", "in", self.location_dest_id.ids),
                    ("id", "not in", self.ids),
                    ("state", "not in", ("done", "cancel")),
                ],
                limit=1,
            )
        )


class StockQuant(models.Model):
    _inherit = "stock.quant"

    def _gather(
        self,
        product_id,
        location_id,
        lot_id=None,
        package_id=None,
        owner_id=None,
        strict=False,
        qty=0,
    ):
        args = (product_id, location_id, lot_id, package_id, owner_id, strict, qty)
        cache = _cache(self.env, "quant")
        if cache is None:
            return super()._gather(*args)
        key = (
            product_id.id,
            location_id.id,
            lot_id.id if lot_id else False,
            package_id.id if package_id else False,
            owner_id.id if owner_id else False,
            strict,
            qty,
            self.env.su,
            self.env.uid,
        )
        if key not in cache:
            cache[key] = super()._gather(*args).ids
        return self.browse(cache[key])

    @api.model_create_multi
    def create(self, vals_list):
        cache = _cache(self.env, "quant")
        if cache:
            cache.clear()
        return super().create(vals_list)

    def unlink(self):
        cache = _cache(self.env, "quant")
        if cache:
            cache.clear()
        return super().unlink()


class AccountAnalyticDistributionModel(models.Model):
    _inherit = "account.analytic.distribution.model"

    @api.model
    def _get_distribution(self, vals):
        cache = _cache(self.env, "analytic")
        if cache is None:
            return super()._get_distribution(vals)
        key = (
            tuple(
                sorted(
                    (k, tuple(v) if isinstance(v, list | tuple) else v)
                    for k, v in vals.items()
                )
            ),
            self.env.su,
            self.env.uid,
        )
        if key not in cache:
            cache[key] = super()._get_distribution(vals)
        return dict(cache[key])
