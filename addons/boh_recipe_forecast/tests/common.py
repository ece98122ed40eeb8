from datetime import timedelta

import numpy as np

from odoo.addons.boh_forecast.tests.common import ForecastCase, trap_jobs

__all__ = ["RecipeForecastCase", "RecipeMixin", "trap_jobs"]

Z90 = 1.2815515655446004


class RecipeMixin:
    """Dishes with kit recipes, dish forecasts written as a run would."""

    @classmethod
    def _make_ingredient(cls, name, uom=None):
        uom = uom or cls.env.ref("uom.product_uom_kgm")
        return cls.env["product.product"].create(
            {
                "name": name,
                "is_storable": True,
                "uom_id": uom.id,
                "uom_po_id": uom.id,
            }
        )

    @classmethod
    def _make_dish(cls, name, lines):
        """A sold dish with a kit BoM of 1 unit: ``lines`` [(product, qty)],
        qty in the product's unit."""
        dish = cls.env["product.product"].create(
            {"name": name, "type": "consu", "sale_ok": True, "list_price": 9.0}
        )
        cls.env["mrp.bom"].create(
            {
                "product_tmpl_id": dish.product_tmpl_id.id,
                "product_id": dish.id,
                "product_qty": 1.0,
                "type": "phantom",
                "bom_line_ids": [
                    (
                        0,
                        0,
                        {
                            "product_id": p.id,
                            "product_qty": q,
                            "product_uom_id": p.uom_id.id,
                        },
                    )
                    for p, q in lines
                ],
            }
        )
        return dish

    @classmethod
    def _write_flat_forecasts(cls, store, origin, days, figures, model="ets"):
        """A run of ``store`` whose forecasts are ``figures`` {product: (qty,
        p10, p50, p90)} every day from ``origin``; returns the store's job."""
        run = cls.env["boh.forecast.run"].create(
            {
                "date_origin": origin,
                "horizon_days": days,
                "store_ids": [(6, 0, store.ids)],
            }
        )
        job = cls.env["boh.forecast.run.store"].create(
            {"run_id": run.id, "store_id": store.id}
        )
        n = len(figures)
        values = np.array(list(figures.values()), dtype=float)  # (n, 4)
        cls.env["boh.forecast"]._write_store_forecasts(
            run,
            store,
            origin,
            {
                "item": np.repeat([p.id for p in figures], days),
                "date": np.array(
                    [origin + timedelta(days=k) for k in range(days)] * n, dtype=object
                ),
                "qty": np.repeat(values[:, 0], days),
                "p10": np.repeat(values[:, 1], days),
                "p50": np.repeat(values[:, 2], days),
                "p90": np.repeat(values[:, 3], days),
                "model": np.array([model] * (n * days), dtype=object),
            },
        )
        return job

    @staticmethod
    def _band(p50, sigma, qty=None):
        """(qty, p10, p50, p90) of a normal forecast of median p50."""
        return (
            p50 if qty is None else qty,
            p50 - Z90 * sigma,
            p50,
            p50 + Z90 * sigma,
        )


class RecipeForecastCase(RecipeMixin, ForecastCase):
    """ForecastCase plus flour, cheese and tomato, pizza and pasta (kits)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.flour = cls._make_ingredient("Test RF flour")
        cls.cheese = cls._make_ingredient("Test RF cheese")
        cls.tomato = cls._make_ingredient("Test RF tomato")
        cls.pizza = cls._make_dish(
            "Test RF pizza", [(cls.flour, 0.2), (cls.cheese, 0.1), (cls.tomato, 0.05)]
        )
        cls.pasta = cls._make_dish(
            "Test RF pasta", [(cls.flour, 0.15), (cls.cheese, 0.05)]
        )
        cls.Forecast = cls.env["boh.forecast"]
        cls.Choice = cls.env["boh.forecast.recipe.choice"]

    def _rows(self, store, product, **domain):
        return self.Forecast.search(
            [
                ("store_id", "=", store.id),
                ("product_id", "=", product.id),
                ("is_current", "=", True),
            ]
        )
