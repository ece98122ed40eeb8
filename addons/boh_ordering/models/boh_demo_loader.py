import math
import time
from datetime import timedelta

from odoo import api, fields, models

SOURCE_OF = {"warehouse": "central_warehouse", "kitchen": "central_kitchen"}


class BohDemoLoader(models.AbstractModel):
    _inherit = "boh.demo.loader"

    @api.model
    def load_chain(self, chain=None, passwords=False, **params):
        result = super().load_chain(chain=chain, passwords=passwords, **params)
        started = time.perf_counter()
        self._load_ordering(result)
        result["timings"]["ordering"] = time.perf_counter() - started
        return result

    def _load_ordering(self, result):
        chain, sites = result["chain"], result["sites"]
        central = {
            s.site_type: sites[s.code]
            for s in chain.sites
            if s.site_type in ("warehouse", "kitchen")
        }
        stores = [(s, sites[s.code]) for s in chain.stores]
        Guide = self.env["boh.order.guide"]
        new_stores = [
            (spec, store) for spec, store in stores if not Guide._get_store_guide(store)
        ]
        if not new_stores:
            return
        # Resupply routes: every store is supplied by the central warehouse and kitchen.
        suppliers_wh = self.env["stock.warehouse"].browse(
            [site.warehouse_id.id for site in central.values()]
        )
        for _spec, store in new_stores:
            store.warehouse_id.resupply_wh_ids = [(4, wh.id) for wh in suppliers_wh]
        guide_vals, schedule_vals = [], []
        suppliers = result["suppliers"]
        for spec, store in new_stores:
            lines = []
            for index, product_spec in enumerate(chain.products):
                product = result["products"][product_spec.default_code]
                pack = float(product_spec.pack_size)
                daily = product_spec.base_rate * spec.size
                par = max(pack, math.ceil(daily * 4 / pack) * pack)
                vals = {
                    "sequence": index + 1,
                    "product_id": product.id,
                    "pack_qty": pack,
                    "qty_par": par,
                    "qty_min": math.ceil(daily),
                    "qty_max": par * 2,
                }
                if product_spec.source == "supplier":
                    vals["source_type"] = "supplier"
                    vals["partner_id"] = suppliers[product_spec.supplier_refs[0]].id
                else:
                    vals["source_type"] = SOURCE_OF[product_spec.source]
                    vals["source_store_id"] = central[product_spec.source].id
                lines.append((0, 0, vals))
            guide_vals.append(
                {
                    "name": f"{store.code} Order Guide",
                    "store_ids": [(6, 0, store.ids)],
                    "line_ids": lines,
                }
            )
            days = {"order_mon": True, "order_wed": True, "order_fri": True}
            schedule_vals.append(
                {
                    "store_id": store.id,
                    "source_type": "central_warehouse",
                    "source_store_id": central["warehouse"].id,
                    "delivery_tue": True,
                    "delivery_thu": True,
                    "delivery_sat": True,
                    "cutoff_time": 14.0,
                    "lead_time_days": 1,
                    **days,
                }
            )
            schedule_vals.append(
                {
                    "store_id": store.id,
                    "source_type": "central_kitchen",
                    "source_store_id": central["kitchen"].id,
                    **{
                        f"delivery_{d}": True
                        for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
                    },
                    "cutoff_time": 16.0,
                    "lead_time_days": 1,
                }
            )
            for supplier in chain.suppliers:
                schedule_vals.append(
                    {
                        "store_id": store.id,
                        "source_type": "supplier",
                        "partner_id": suppliers[supplier.ref].id,
                        "delivery_tue": True,
                        "delivery_fri": True,
                        "cutoff_time": 12.0,
                        "lead_time_days": supplier.lead_time_days,
                    }
                )
        Guide.create(guide_vals)
        self.env["boh.order.schedule"].create(schedule_vals)
        self._load_demo_orders(new_stores, central)

    def _load_demo_orders(self, stores, central):
        """Three weeks of central warehouse orders, closed to draft."""
        today = fields.Date.context_today(self)
        Order = self.env["boh.store.order"]
        budgets = []
        for _spec, store in stores:
            budgets.append(
                {
                    "store_id": store.id,
                    "date_from": today.replace(day=1),
                    "date_to": (today.replace(day=1) + timedelta(days=32)).replace(
                        day=1
                    )
                    - timedelta(days=1),
                    "amount": 20000.0,
                }
            )
            guide = self.env["boh.order.guide"]._get_store_guide(store)
            glines = guide.line_ids.filtered(
                lambda gl: gl.source_type == "central_warehouse"
            )
            for week in (3, 2, 1, 0):
                delivery = today - timedelta(days=7 * week - 1)
                state = {3: "closed", 2: "closed", 1: "received", 0: "draft"}[week]
                vals = {
                    "store_id": store.id,
                    "source_type": "central_warehouse",
                    "source_store_id": central["warehouse"].id,
                    "delivery_date": delivery,
                    "state": state,
                    "line_ids": [],
                }
                for i, gline in enumerate(glines):
                    suggested = gline.qty_par
                    ordered = suggested + (
                        gline.pack_qty if (i + week) % 5 == 0 else 0.0
                    )
                    vals["line_ids"].append(
                        (
                            0,
                            0,
                            {
                                "sequence": gline.sequence,
                                "guide_line_id": gline.id,
                                "product_id": gline.product_id.id,
                                "product_uom_id": gline.product_uom_id.id,
                                "pack_qty": gline.pack_qty,
                                "qty_par": gline.qty_par,
                                "qty_suggested": suggested,
                                "suggestion_explanation": {
                                    "method": "par",
                                    "par": gline.qty_par,
                                },
                                "qty_ordered": ordered,
                                "override_reason": "Weekend"
                                if ordered != suggested
                                else False,
                                "price_unit": gline.product_id.standard_price,
                            },
                        )
                    )
                Order.sudo().with_context(tracking_disable=True).create(vals)
        self.env["boh.store.budget"].create(budgets)
