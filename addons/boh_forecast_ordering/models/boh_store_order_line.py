import math
from datetime import timedelta

import numpy as np

from odoo import api, fields, models

from odoo.addons.boh_forecast.services import engine

# Days of forecast read for a suggestion (coverage beyond: last day repeated).
MAX_COVERAGE_DAYS = 60


class BohStoreOrderLine(models.Model):
    _inherit = "boh.store.order.line"

    def _get_suggestions(self):
        """Forecast-based suggestions; lines without a forecast keep super's.

        Coverage = days from today to the delivery (lead time) plus the days
        until the following delivery (review period, from the order schedule).
        The engine's policy adds safety stock at the product class' service
        level, subtracts on hand and on order, caps perishables at what sells
        before expiry and rounds to packs and the supplier's minimum.
        """
        lines = self.filtered(lambda ln: ln.product_id and ln.store_id)
        if not lines:
            return super()._get_suggestions()
        today = fields.Date.context_today(self)
        plans = lines._get_coverage_plan(today)
        horizon = min(
            max(lead + review for lead, review in plans.values()), MAX_COVERAGE_DAYS
        )
        forecasts = self.env["boh.forecast"]._get_current(
            lines.store_id.ids, lines.product_id.ids, today, max(horizon, 1)
        )
        todo = lines.filtered(
            lambda ln: (ln.store_id.id, ln.product_id.id) in forecasts
        )
        # the par-level suggestion only for the lines without a forecast
        rest = self - todo
        result = super(BohStoreOrderLine, rest)._get_suggestions() if rest else {}
        if not todo:
            return result
        levels = self.env["boh.forecast.product.class"]._get_service_levels(
            [(ln.store_id.id, ln.product_id.id) for ln in todo]
        )
        rows = {k: [] for k in ("fc", "p10", "p90", "hand", "order", "lead", "review")}
        rows.update(level=[], pack=[], moq=[], life=[], factor=[])
        for line in todo:
            qty, p10, p90 = forecasts[(line.store_id.id, line.product_id.id)]
            factor = line.product_id.uom_id._compute_quantity(
                1.0, line.product_uom_id or line.product_id.uom_id, round=False
            )
            lead, review = plans[line.id]
            rows["fc"].append(np.asarray(qty) * factor)
            rows["p10"].append(np.asarray(p10) * factor)
            rows["p90"].append(np.asarray(p90) * factor)
            rows["factor"].append(factor)
            rows["hand"].append(max(line.qty_on_hand, 0.0))
            rows["order"].append(max(line.qty_on_order, 0.0))
            rows["lead"].append(lead)
            rows["review"].append(review)
            rows["level"].append(levels[(line.store_id.id, line.product_id.id)])
            rows["pack"].append(line.pack_qty if line.pack_qty > 0 else 1.0)
            rows["moq"].append(line._get_suggestion_moq())
            life = line.product_id.product_tmpl_id.boh_shelf_life_days
            rows["life"].append(float(life) if life > 0 else math.nan)
        out = engine.suggest_orders(
            np.vstack(rows["fc"]),
            rows["hand"],
            rows["order"],
            rows["lead"],
            rows["review"],
            rows["level"],
            rows["pack"],
            rows["moq"],
            rows["life"],
            p10=np.vstack(rows["p10"]),
            p90=np.vstack(rows["p90"]),
        )
        for k, line in enumerate(todo):
            result[line.id] = {
                "qty": float(out["suggested_qty"][k]),
                "explanation": line._prepare_suggestion_explanation(
                    out, k, rows, plans[line.id]
                ),
            }
        return result

    def _get_coverage_plan(self, today):
        """``{line id: (lead days, review days)}`` from each order's schedule."""
        plans = {}
        for line in self:
            order = line.order_id
            delivery = order.delivery_date or today
            lead = max((delivery - today).days, 0)
            schedule = order.schedule_id
            review = schedule._get_review_days(delivery) if schedule else 1
            plans[line.id] = (lead, max(int(review or 1), 1))
        return plans

    def _get_suggestion_moq(self):
        """Supplier's minimum quantity (line unit) for direct supplier orders.

        The supplier price line is the one the order will use (boh_ordering's
        ``_select_seller`` on the order's partner and delivery date); its
        minimum is in the purchase unit (``product_uom``, the product's
        purchase unit of measure).
        """
        self.ensure_one()
        order = self.order_id
        if order.source_type != "supplier" or not order.partner_id:
            return 0.0
        seller = self.product_id.with_company(order.company_id)._select_seller(
            partner_id=order.partner_id, quantity=None, date=order.delivery_date
        )
        if not seller or not seller.min_qty:
            return 0.0
        seller_uom = seller.product_uom or self.product_id.uom_po_id
        return seller_uom._compute_quantity(
            seller.min_qty, self.product_uom_id or self.product_id.uom_id, round=False
        )

    @api.model
    def _prepare_suggestion_explanation(self, out, k, rows, plan):
        def num(key):
            value = float(out[key][k])
            return None if math.isinf(value) else round(value, 3)

        lead, review = plan
        life = rows["life"][k]
        return {
            "method": "forecast",
            "lead_days": int(lead),
            "review_days": int(review),
            "coverage_days": int(lead + review),
            "forecast": num("demand_over_coverage"),
            "service_level": round(rows["level"][k] * 100, 1),
            "safety_stock": num("safety_stock"),
            "order_up_to": num("order_up_to"),
            "on_hand": num("on_hand"),
            "on_order": num("on_order"),
            "raw_need": num("raw_need"),
            "shelf_life_days": None if math.isnan(life) else int(life),
            "shelf_life_cap": num("shelf_life_cap"),
            "shelf_life_capped": bool(out["shelf_life_capped"][k]),
            "pack_size": num("pack_size"),
            "rounding": num("rounding"),
            "moq": num("moq"),
            "moq_applied": bool(out["moq_applied"][k]),
            "suggested": num("suggested_qty"),
        }

    def _prepare_value_added_values(self, start, end, expl, values):
        """Values of the value-added row of this line (see the model's doc)."""
        self.ensure_one()
        product = self.product_id
        factor = product.uom_id._compute_quantity(
            1.0, self.product_uom_id or product.uom_id, round=False
        )
        actual = sum(q for q, _out in values) * factor
        on_hand = float(expl.get("on_hand") or 0.0)
        on_order = float(expl.get("on_order") or 0.0)
        need = max(actual - on_hand - on_order, 0.0)
        suggested, ordered = self.qty_suggested, self.qty_ordered
        return {
            "order_line_id": self.id,
            "order_id": self.order_id.id,
            "store_id": self.store_id.id,
            "product_id": product.id,
            "categ_id": product.categ_id.id,
            "user_id": self.order_id.user_id.id,
            "delivery_date": self.delivery_date,
            "date_from": start,
            "date_to": end - timedelta(days=1),
            "coverage_days": (end - start).days,
            "overridden": abs(ordered - suggested) > 1e-9,
            "forecast": float(expl.get("forecast") or 0.0),
            "actual": actual,
            "on_hand": on_hand,
            "on_order": on_order,
            "need": need,
            "suggested": suggested,
            "ordered": ordered,
            "suggested_error": suggested - need,
            "ordered_error": ordered - need,
            "suggested_abs_error": abs(suggested - need),
            "ordered_abs_error": abs(ordered - need),
            "value_added": abs(suggested - need) - abs(ordered - need),
            "suggested_wape": abs(suggested - need) / actual if actual else 0.0,
            "ordered_wape": abs(ordered - need) / actual if actual else 0.0,
            "value_added_pct": (abs(suggested - need) - abs(ordered - need)) / actual
            if actual
            else 0.0,
            "company_id": self.company_id.id,
        }
