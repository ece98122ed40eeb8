from datetime import date, timedelta

import numpy as np

from odoo.tests import common as odoo_test_common

from odoo.addons.boh_base.tests.common import BohCase

# queue_job's test helpers register themselves in SETATTR_SOURCES, which
# older Odoo 18.0 builds do not define yet: give them an empty registry.
if not hasattr(odoo_test_common, "SETATTR_SOURCES"):
    odoo_test_common.SETATTR_SOURCES = {}

from odoo.addons.queue_job.tests.common import trap_jobs  # noqa: E402

__all__ = ["ForecastCase", "trap_jobs"]


class ForecastCase(BohCase):
    """BohCase plus three products and helpers to write demand history."""

    ORIGIN = date(2025, 5, 1)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.categ = cls.env["product.category"].create({"name": "Forecast Test"})
        cls.products = cls.env["product.product"].create(
            [
                {
                    "name": f"Forecast Item {code}",
                    "default_code": f"FC-{code}",
                    "barcode": f"69000000{code}",
                    "type": "consu",
                    "is_storable": True,
                    "categ_id": cls.categ.id,
                    "list_price": 10.0,
                }
                for code in ("1", "2", "3")
            ]
        )
        cls.p1, cls.p2, cls.p3 = cls.products
        cls.Demand = cls.env["boh.demand.daily"]

    @classmethod
    def _history(cls, store, product, values, end=None, source="import", out=()):
        """Write ``values`` (oldest first) as daily sales ending the day before
        ``end`` (default ORIGIN); ``out`` holds indexes of stock-out days."""
        end = end or cls.ORIGIN
        days = [end - timedelta(days=len(values) - k) for k in range(len(values))]
        cls.Demand._upsert(
            source,
            [store.id] * len(values),
            [product.id] * len(values),
            days,
            values,
            [k in out for k in range(len(values))],
        )
        return days

    @classmethod
    def _weekly_pattern(cls, weeks, level=10.0, seed=0):
        rng = np.random.default_rng(seed)
        profile = np.array([0.8, 0.9, 1.0, 1.0, 1.2, 1.4, 1.3])
        return list(rng.poisson(np.tile(profile * level, weeks)).astype(float))
