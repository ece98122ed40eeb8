from odoo import _, fields, models

from odoo.addons.boh_forecast_ordering.models.boh_store_order_line import (
    MAX_COVERAGE_DAYS,
)

TOP_DISHES = 3


class BohStoreOrderLine(models.Model):
    _inherit = "boh.store.order.line"

    def _get_suggestions(self):
        """Forecast suggestions of ingredients forecast from the recipes say
        which dishes drive them (``explanation["recipe"]``)."""
        result = super()._get_suggestions()
        lines = self.filtered(
            lambda ln: (
                (result.get(ln.id) or {}).get("explanation", {}).get("method")
                == "forecast"
            )
        )
        if not lines:
            return result
        # Read with the user's rights: the choices of the stores of the lines
        # the user refreshes (store rules as for the forecasts).
        choices = self.env["boh.forecast.recipe.choice"].search(
            [
                ("store_id", "in", lines.store_id.ids),
                ("product_id", "in", lines.product_id.ids),
                ("source", "!=", "history"),
            ]
        )
        if not choices:
            return result
        by_key = {(c.store_id.id, c.product_id.id): c for c in choices}
        dish_ids = {int(d) for c in choices for d in (c.dish_qty or {})}
        today = fields.Date.context_today(self)
        days = max(
            min(
                result[ln.id]["explanation"].get("coverage_days") or 1,
                MAX_COVERAGE_DAYS,
            )
            for ln in lines
        )
        current = self.env["boh.forecast"]._get_current(
            choices.store_id.ids,
            list(dish_ids | set(choices.product_id.ids)),
            today,
            days,
        )
        names = dict(
            self.env["product.product"]
            .browse(dish_ids)
            .with_context(prefetch_fields=False)
            .mapped(lambda p: (p.id, p.display_name))
        )
        for line in lines:
            store_id, product_id = line.store_id.id, line.product_id.id
            choice = by_key.get((store_id, product_id))
            if not choice:
                continue
            explanation = result[line.id]["explanation"]
            span = min(explanation.get("coverage_days") or 1, MAX_COVERAGE_DAYS)
            total = sum(current.get((store_id, product_id), ([0.0],))[0][:span])
            dishes = []
            for dish, qty in (choice.dish_qty or {}).items():
                sold = sum(current.get((store_id, int(dish)), ([0.0],))[0][:span])
                if qty * sold > 0 and total > 0:
                    dishes.append((qty * sold / total, int(dish)))
            dishes.sort(reverse=True)
            top = [
                {"id": dish, "name": names.get(dish, ""), "share": round(share * 100)}
                for share, dish in dishes[:TOP_DISHES]
            ]
            explanation["recipe"] = {
                "source": choice.source,
                "dishes": top,
                "text": self._recipe_sentence(top),
                "choice": choice.explanation,
            }
        return result

    def _recipe_sentence(self, top):
        """One translated sentence naming the dishes that drive the forecast."""
        values = {}
        for k, dish in enumerate(top, 1):
            values[f"dish{k}"] = dish["name"]
            values[f"share{k}"] = dish["share"]
        if len(top) >= 3:
            return _(
                "Forecast from the dishes that use it: %(dish1)s makes %(share1)s%%"
                " of it, %(dish2)s %(share2)s%% and %(dish3)s %(share3)s%%.",
                **values,
            )
        if len(top) == 2:
            return _(
                "Forecast from the dishes that use it: %(dish1)s makes %(share1)s%%"
                " of it and %(dish2)s %(share2)s%%.",
                **values,
            )
        if top:
            return _(
                "Forecast from the dishes that use it: %(dish1)s makes %(share1)s%%"
                " of it.",
                **values,
            )
        return _(
            "Forecast from the dishes that use it: none of them is forecast to sell"
            " over these days."
        )
