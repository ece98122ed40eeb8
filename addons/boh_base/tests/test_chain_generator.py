from datetime import date

import numpy as np

from odoo.tests import BaseCase, tagged

from ..lib.chain_generator import generate_chain, holidays_between


@tagged("post_install", "-at_install")
class TestChainGenerator(BaseCase):
    def test_same_seed_same_chain(self):
        one = generate_chain(seed=7, stores=5, products=30, days=60, suppliers=4)
        two = generate_chain(seed=7, stores=5, products=30, days=60, suppliers=4)
        self.assertEqual(one.products, two.products)
        self.assertEqual(one.sites, two.sites)
        self.assertTrue(np.array_equal(one.sales, two.sales))
        self.assertTrue(np.array_equal(one.stockout, two.stockout))
        other = generate_chain(seed=8, stores=5, products=30, days=60, suppliers=4)
        self.assertFalse(np.array_equal(one.sales, other.sales))

    def test_shape_and_content(self):
        chain = generate_chain(seed=1, stores=9, products=50, days=400, suppliers=6)
        self.assertEqual(chain.sales.shape, (9, 50, 400))
        self.assertEqual(
            [s.site_type for s in chain.sites[:2]], ["warehouse", "kitchen"]
        )
        self.assertEqual(len(chain.stores), 9)
        no_region = [s.code for s in chain.stores if not s.region_code]
        self.assertFalse(no_region, f"stores without a region: {no_region}")
        self.assertEqual(len({p.default_code for p in chain.products}), 50)
        bad_sizes = [
            p.default_code
            for p in chain.products
            if not (p.pack_size > 0 and p.shelf_life_days > 0)
        ]
        self.assertFalse(bad_sizes, f"no pack size or shelf life: {bad_sizes}")
        no_supplier = [p.default_code for p in chain.products if not p.supplier_refs]
        self.assertFalse(no_supplier, f"products without a supplier: {no_supplier}")
        self.assertEqual(
            {p.storage_type for p in chain.products},
            {"fresh", "chilled", "frozen", "dry"},
        )
        # Stock-out days sell nothing; promotions sell more than other days
        self.assertTrue(chain.stockout.any())
        self.assertEqual(int(chain.sales[chain.stockout].sum()), 0)
        per_day = chain.sales.sum(axis=0)
        self.assertGreater(per_day[chain.promo].mean(), per_day[~chain.promo].mean())
        # Weekly pattern: weekends sell more than Mondays
        total = chain.sales.sum(axis=(0, 1))
        weekday = np.array([d.weekday() for d in chain.dates])
        self.assertGreater(total[weekday == 5].mean(), total[weekday == 0].mean())
        # Holidays sell more than ordinary days
        is_holiday = np.isin(np.array(chain.dates), np.array(chain.holidays))
        self.assertGreater(total[is_holiday].mean(), total[~is_holiday].mean())

    def test_holidays(self):
        days = holidays_between(date(2025, 1, 1), 365)
        self.assertIn(date(2025, 10, 1), days)
        self.assertIn(date(2025, 1, 28), days)  # Spring Festival
        self.assertNotIn(date(2025, 3, 3), days)

    def test_rows(self):
        chain = generate_chain(seed=3, stores=2, products=4, days=10, suppliers=2)
        rows = list(chain.sales_rows())
        self.assertTrue(rows, "the chain sold nothing")
        self.assertEqual(sum(r[3] for r in rows), int(chain.sales.sum()))
        empty = [r for r in rows if not (r[3] > 0 or r[5])]
        self.assertFalse(empty, f"rows without sales nor stock-out: {empty}")

    def test_bad_size(self):
        with self.assertRaisesRegex(ValueError, "at least 1"):
            generate_chain(stores=0)
