import time
from datetime import timedelta

from odoo import api, fields, models


class BohDemoLoader(models.AbstractModel):
    _inherit = "boh.demo.loader"

    @api.model
    def load_chain(self, chain=None, passwords=False, **params):
        """Add a posted count three weeks ago, today's count sheet (a draft)
        and waste, most of it posted, to every store of the demo chain."""
        result = super().load_chain(chain=chain, passwords=passwords, **params)
        started = time.perf_counter()
        self._load_store_ops(result)
        result["timings"]["store_ops"] = time.perf_counter() - started
        return result

    @api.model
    def load_store_ops_demo(self):
        """Demo of boh_store_ops: counts and waste of the demo chain's stores
        (see ``_load_demo_part``)."""
        return self._load_demo_part(self._load_store_ops)

    def _load_store_ops(self, result):
        stores = [result["sites"][site.code] for site in result["chain"].stores]
        env = self._quiet_env()
        today = fields.Date.context_today(self)
        self._demo_counts(env, stores, today - timedelta(days=22), post=True)
        self._demo_counts(env, stores, today, post=False)
        self._demo_waste(env, stores)

    def _demo_counts(self, env, stores, day, post):
        Count = env["boh.stock.count"]
        for store in stores:
            count = Count.create({"store_id": store.id, "date": day})
            count.action_load_guide()
            for index, line in enumerate(count.line_ids):
                line.qty_counted = (index * 7) % 23 + 10
            if post:
                # A count sheet counts products, not lots: the lot-tracked
                # goods the demo orders brought in stay out of the posted one.
                count.line_ids.filtered(
                    lambda ln: ln.product_id.tracking != "none"
                ).unlink()
                count.action_post()

    def _demo_waste(self, env, stores):
        Waste = env["boh.waste"]
        reasons = ("expired", "damaged", "overproduction", "quality")
        vals_list = []
        for store in stores:
            # Waste is logged per product, not per lot: lot-tracked goods
            # stay out of the demo's waste as out of its posted count.
            products = (
                env["boh.order.guide"]
                ._get_store_guide(store)
                .line_ids.product_id.filtered(lambda p: p.tracking == "none")[:4]
            )
            for index, product in enumerate(products):
                vals_list.append(
                    {
                        "store_id": store.id,
                        "product_id": product.id,
                        "quantity": 1.0,
                        "reason": reasons[index % len(reasons)],
                    }
                )
        wastes = Waste.create(vals_list)
        wastes.filtered(lambda w: w.reason != "quality").action_post()
