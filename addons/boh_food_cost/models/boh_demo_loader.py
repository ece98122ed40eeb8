from datetime import datetime, timedelta

from odoo import api, fields, models

DEMO_STORES = 2
WEEKS = 3
# Daily units of boh_recipe's ten demo menu items (in its order), before the
# store's and the weekday's factors.
DAILY_UNITS = (42, 30, 26, 20, 8, 14, 18, 24, 36, 28)
# What each store really uses over its recipes, in every week (the loss
# that counts show): over-portioning of chicken every week, mushrooms thrown
# away without being recorded in the last week.
OVER_USE = {"Chicken breast": 0.12}
LAST_WEEK_LOSS = {"Mushroom": 0.25}
BASE_OVER_USE = 0.015
RECORDED_WASTE = ("Bok choy", 0.4, "expired")


class BohDemoLoader(models.AbstractModel):
    _inherit = "boh.demo.loader"

    @api.model
    def load_food_cost_demo(self):
        """Three weeks of dish sales (with net sales) of boh_recipe's demo
        menu in two demo stores, a posted count every week whose figures
        follow the recipes plus a realistic variance (chicken over-portioned
        every week, bok choy lost without a waste entry in the last week,
        some waste recorded), and the three computed weekly periods: a store
        manager sees last week's food cost % on a fresh demo database.
        Lot-tracked ingredients stay out (a count counts products, not lots)."""
        self._check_demo_loader_access()
        env = self._quiet_env()
        dishes = env["product.product"].search(
            [("default_code", "=like", "BOH-MENU-%"), ("sale_ok", "=", True)],
            order="default_code",
        )
        stores = env["boh.store"].search(
            [("store_type", "=", "store"), ("manager_id", "!=", False)],
            order="code",
            limit=DEMO_STORES,
        )
        central = env["boh.store"].search([("store_type", "=", "warehouse")], limit=1)
        if not dishes or not stores or not central:
            return False
        if env["boh.food.cost.period"].search_count([("store_id", "in", stores.ids)]):
            return False
        today = fields.Date.context_today(self)
        first = today - timedelta(days=7 * WEEKS)
        self._demo_restaurant_goods(env, dishes)
        self._demo_food_cost_sales(env, stores, dishes, first)
        Usage = env["boh.usage.theoretical"]
        Usage._recompute(store_ids=stores.ids)
        matrix = Usage._recipe_matrix(dishes.ids)
        ingredients = (
            env["product.product"]
            .browse(sorted({i for row in matrix.values() for i in row}))
            .filtered(lambda p: p.is_storable and p.tracking == "none")
        )
        self._demo_food_cost_guide(env, stores, ingredients, central)
        periods = env["boh.food.cost.period"]
        for store in stores:
            periods |= self._demo_food_cost_store(env, store, ingredients, first)
        periods._compute_periods()
        return True

    def _demo_restaurant_goods(self, env, dishes):
        """The demo chain is a restaurant chain: the goods it buys are the
        menu's ingredients, never sold on their own, and their imported
        history is consumption (what ordering forecasts), not sales: they
        cannot be sold, so theoretical usage explodes the menu items only."""
        Demand = env["boh.demand.daily"]
        goods = env["product.product"].browse(
            product.id
            for [product] in Demand._read_group(
                [("source", "=", "import")], ["product_id"]
            )
        )
        goods = goods.filtered(
            lambda p: p.sale_ok and p.is_storable and p not in dishes
        ) - goods.browse(goods._boh_recipe_matrix(through="kit"))
        goods.product_tmpl_id.sale_ok = False

    def _demo_food_cost_sales(self, env, stores, dishes, first):
        rows = ([], [], [], [], [])
        for s, store in enumerate(stores):
            for n in range(1, 7 * WEEKS + 1):
                day = first + timedelta(days=n)
                weekend = 1.3 if day.weekday() >= 5 else 1.0
                for d, dish in enumerate(dishes):
                    qty = round(
                        DAILY_UNITS[d % len(DAILY_UNITS)]
                        * (1.0 - 0.15 * s)
                        * weekend
                        * (0.9 + 0.2 * ((n * 7 + d * 3) % 5) / 4)
                    )
                    for values, value in zip(
                        rows,
                        (store.id, dish.id, day, qty, qty * dish.list_price),
                        strict=True,
                    ):
                        values.append(value)
        env["boh.demand.daily"]._upsert(
            "pos", rows[0], rows[1], rows[2], rows[3], amounts=rows[4]
        )

    def _demo_food_cost_guide(self, env, stores, ingredients, central):
        """The recipe ingredients on the demo stores' order guides (their
        count sheets), from the central warehouse; a store without a guide
        gets one."""
        Guide = env["boh.order.guide"]
        guides = Guide.browse()
        for store in stores:
            guide = Guide._get_store_guide(store)
            if not guide:
                guide = Guide.create(
                    {"name": f"{store.code} kitchen", "store_ids": [(6, 0, store.ids)]}
                )
            guides |= guide
        for guide in guides:
            listed = set(guide.line_ids.product_id.ids)
            guide.write(
                {
                    "line_ids": [
                        (
                            0,
                            0,
                            {
                                "product_id": product.id,
                                "source_type": "central_warehouse",
                                "source_store_id": central.id,
                            },
                        )
                        for product in ingredients
                        if product.id not in listed
                    ]
                }
            )

    def _demo_store_movements(self, env, store, first):
        """``{(product id, week): quantity}`` that came into the store (+) or
        left it (-) in each week of the demo, from other sites and suppliers
        (the demo chain's deliveries), in the product's unit."""
        # days in the store's time zone, as the periods count them
        MoveLine = env["stock.move.line"].with_context(tz=store.tz or "UTC")
        moved = {}
        start = datetime.combine(first - timedelta(days=1), datetime.min.time())
        for sign, here, there in (
            (1.0, "location_dest_id", "location_id"),
            (-1.0, "location_id", "location_dest_id"),
        ):
            for product, day, qty in MoveLine._read_group(
                [
                    ("state", "=", "done"),
                    ("date", ">=", start),
                    (f"{here}.warehouse_id", "=", store.warehouse_id.id),
                    (f"{here}.usage", "=", "internal"),
                    (f"{there}.usage", "in", ("supplier", "internal", "transit")),
                    (f"{there}.warehouse_id", "!=", store.warehouse_id.id),
                ],
                ["product_id", "date:day"],
                ["quantity_product_uom:sum"],
            ):
                day = day.date() if isinstance(day, datetime) else day
                week = min((day - first).days - 1, 7 * WEEKS - 1) // 7
                if week >= 0:
                    key = (product.id, week)
                    moved[key] = moved.get(key, 0.0) + sign * qty
        return moved

    def _demo_food_cost_store(self, env, store, ingredients, first):
        """Weekly posted counts of ``store`` (opening stock enough for the
        three weeks) and its three periods."""
        usage = {}
        for product, day, qty in env["boh.usage.theoretical"]._read_group(
            [("store_id", "=", store.id), ("date", ">", first)],
            ["product_id", "date:day"],
            ["qty:sum"],
        ):
            week = min((day - first).days - 1, 7 * WEEKS - 1) // 7
            usage[(product.id, week)] = usage.get((product.id, week), 0.0) + qty
        waste_name, waste_qty, waste_reason = RECORDED_WASTE
        moved = self._demo_store_movements(env, store, first)
        # what the store received of other goods is counted too (untracked)
        ingredients |= (
            env["product.product"]
            .browse({product_id for product_id, _week in moved})
            .filtered(lambda p: p.is_storable and p.tracking == "none")
        )
        stock = {
            p.id: round(
                1.0 + 1.4 * sum(usage.get((p.id, w), 0.0) for w in range(WEEKS)), 1
            )
            for p in ingredients
        }
        Count, Waste = env["boh.stock.count"], env["boh.waste"]
        counts = Count
        for week in range(WEEKS + 1):
            day = first + timedelta(days=7 * week)
            if week:
                for product in ingredients:
                    over = BASE_OVER_USE + OVER_USE.get(product.name, 0.0)
                    if week == WEEKS:
                        over += LAST_WEEK_LOSS.get(product.name, 0.0)
                    used = usage.get((product.id, week - 1), 0.0) * (1 + over)
                    if product.name == waste_name:
                        used += waste_qty
                    stock[product.id] = max(
                        round(
                            stock[product.id]
                            + moved.get((product.id, week - 1), 0.0)
                            - used,
                            2,
                        ),
                        0.0,
                    )
            count = Count.create(
                {
                    "store_id": store.id,
                    "date": day,
                    "line_ids": [
                        (0, 0, {"product_id": p.id, "qty_counted": stock[p.id]})
                        for p in ingredients
                    ],
                }
            )
            count.action_post()
            counts |= count
            if week < WEEKS:
                wasted = ingredients.filtered(lambda p: p.name == waste_name)
                if wasted:
                    Waste.create(
                        {
                            "store_id": store.id,
                            "product_id": wasted[0].id,
                            "quantity": waste_qty,
                            "reason": waste_reason,
                            "date": day + timedelta(days=3),
                        }
                    ).action_post()
        return env["boh.food.cost.period"].create(
            [
                {
                    "store_id": store.id,
                    "opening_count_id": counts[w].id,
                    "closing_count_id": counts[w + 1].id,
                }
                for w in range(WEEKS)
            ]
        )
