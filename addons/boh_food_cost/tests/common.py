from datetime import date, datetime, timedelta

from odoo.addons.boh_base.tests.common import BohCase


class FoodCostCase(BohCase):
    """A burger menu whose figures are worked out by hand in the tests.

    Ingredients (storable): bun (Units, cost 0.5), patty (kg, cost 20),
    cheese (kg, cost 10), cola (Units, cost 0.8, sold as it is: no recipe).
    Dishes (kit BoMs, made in the store):
      burger (price 8, cost 3.7) = 1 bun + 0.150 kg patty + 0.020 kg cheese
      double (price 12, cost 6.9) = 1 bun + 0.300 kg patty + 0.040 kg cheese
    Fries (price 2, cost 0.5): not storable, no recipe (uses nothing).
    """

    DAY0 = date(2025, 3, 1)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.unit = ref("uom.product_uom_unit")
        cls.kg = ref("uom.product_uom_kgm")
        Product = cls.env["product.product"]

        def make(name, uom, cost, price=0.0, storable=True):
            return Product.create(
                {
                    "name": name,
                    "default_code": name.upper().replace(" ", "-"),
                    "type": "consu",
                    "is_storable": storable,
                    "uom_id": uom.id,
                    "uom_po_id": uom.id,
                    "standard_price": cost,
                    "list_price": price,
                }
            )

        cls.bun = make("FC bun", cls.unit, 0.5)
        cls.patty = make("FC patty", cls.kg, 20.0)
        cls.cheese = make("FC cheese", cls.kg, 10.0)
        cls.cola = make("FC cola", cls.unit, 0.8, price=3.0)
        cls.burger = make("FC burger", cls.unit, 3.7, price=8.0, storable=False)
        cls.double = make("FC double", cls.unit, 6.9, price=12.0, storable=False)
        cls.fries = make("FC fries", cls.unit, 0.5, price=2.0, storable=False)
        for dish, lines in (
            (cls.burger, [(cls.bun, 1), (cls.patty, 0.15), (cls.cheese, 0.02)]),
            (cls.double, [(cls.bun, 1), (cls.patty, 0.3), (cls.cheese, 0.04)]),
        ):
            cls.env["mrp.bom"].create(
                {
                    "product_tmpl_id": dish.product_tmpl_id.id,
                    "product_id": dish.id,
                    "product_qty": 1,
                    "type": "phantom",
                    "bom_line_ids": [
                        (0, 0, {"product_id": p.id, "product_qty": q}) for p, q in lines
                    ],
                }
            )
        # counts walk the stores' order guide
        cls.central = cls.env["boh.store"].create(
            {"name": "FC Central", "code": "FCCW", "store_type": "warehouse"}
        )
        cls.env["boh.order.guide"].create(
            {
                "name": "FC Guide",
                "store_ids": [(6, 0, cls.test_stores.ids)],
                "line_ids": [
                    (
                        0,
                        0,
                        {
                            "product_id": p.id,
                            "source_type": "central_warehouse",
                            "source_store_id": cls.central.id,
                        },
                    )
                    for p in (cls.bun, cls.patty, cls.cheese, cls.cola)
                ],
            }
        )
        cls.Demand = cls.env["boh.demand.daily"]
        cls.Usage = cls.env["boh.usage.theoretical"]
        cls.Period = cls.env["boh.food.cost.period"]

    @classmethod
    def day(cls, n):
        return cls.DAY0 + timedelta(days=n)

    @classmethod
    def sell(cls, store, rows, source="import"):
        """``rows``: (day number, product, qty, amount)."""
        cls.Demand._upsert(
            source,
            [store.id] * len(rows),
            [r[1].id for r in rows],
            [cls.day(r[0]) for r in rows],
            [r[2] for r in rows],
            amounts=[r[3] for r in rows],
        )

    @classmethod
    def make_count(cls, store, n, quantities):
        """A posted count of ``store`` on day ``n`` (the count's workflow
        is skipped: only its lines matter here)."""
        count = cls.env["boh.stock.count"].create(
            {
                "store_id": store.id,
                "date": cls.day(n),
                "line_ids": [
                    (0, 0, {"product_id": p.id, "qty_counted": q})
                    for p, q in quantities
                ],
            }
        )
        count._boh_workflow().write({"state": "done"})
        return count

    @classmethod
    def move(cls, product, qty, source, dest, n):
        """A done stock move of ``qty`` on day ``n`` (noon UTC)."""
        move = cls.env["stock.move"].create(
            {
                "name": product.name,
                "product_id": product.id,
                "product_uom_qty": qty,
                "product_uom": product.uom_id.id,
                "location_id": source.id,
                "location_dest_id": dest.id,
            }
        )
        move._action_confirm()
        move.quantity = qty
        move.picked = True
        move._action_done()
        when = datetime.combine(cls.day(n), datetime.min.time()) + timedelta(hours=12)
        move.write({"date": when})
        move.move_line_ids.write({"date": when})
        return move

    @classmethod
    def waste(cls, store, product, qty, reason, n):
        waste = cls.env["boh.waste"].create(
            {
                "store_id": store.id,
                "product_id": product.id,
                "quantity": qty,
                "reason": reason,
                "date": cls.day(n),
            }
        )
        waste._boh_workflow().write({"state": "done"})
        return waste
