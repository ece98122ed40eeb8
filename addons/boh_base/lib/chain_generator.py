"""Deterministic demo-chain generator, as plain data (no Odoo import).

``generate_chain(seed=..., stores=..., products=..., days=..., suppliers=...)``
returns a :class:`Chain`: a head office, a central warehouse and a central
kitchen, stores in regions, products with categories, units, pack sizes and
shelf life, suppliers with lead times, prices and MOQ, and daily store x
product sales with weekly and yearly patterns, public holidays, promotions,
stock-outs and noise.  The same arguments always give the same chain.

Sales are numpy arrays of shape ``(stores, products, days)`` so that a chain of
200 stores x 1,000 products x 365 days (73 million store-days) fits in memory
and is generated in seconds.  The Odoo loader (``boh.demo.loader``) writes the
master data; the addons that own sales, orders or inspections load their part
from the same ``Chain``.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np

# Storage classes: shelf life range (days) and share of the assortment.
STORAGE = {
    "fresh": ((2, 5), 0.25),
    "chilled": ((5, 14), 0.25),
    "frozen": ((90, 365), 0.15),
    "dry": ((180, 720), 0.35),
}
# Categories: storage class, unit (Odoo uom xml id), pack sizes, base price.
CATEGORIES = {
    "Vegetables": ("fresh", "uom.product_uom_kgm", (5, 10), 6.0),
    "Fruit": ("fresh", "uom.product_uom_kgm", (5, 10), 9.0),
    "Meat": ("chilled", "uom.product_uom_kgm", (5, 10), 38.0),
    "Dairy": ("chilled", "uom.product_uom_unit", (6, 12, 24), 8.0),
    "Bakery": ("fresh", "uom.product_uom_unit", (10, 20), 4.0),
    "Frozen food": ("frozen", "uom.product_uom_unit", (10, 20), 22.0),
    "Beverages": ("dry", "uom.product_uom_unit", (12, 24), 3.5),
    "Dry goods": ("dry", "uom.product_uom_kgm", (10, 25), 12.0),
    "Condiments": ("dry", "uom.product_uom_unit", (6, 12), 9.0),
    "Packaging": ("dry", "uom.product_uom_unit", (50, 100), 0.4),
}
ITEM_WORDS = {
    "Vegetables": [
        "Lettuce",
        "Tomato",
        "Cucumber",
        "Bok choy",
        "Carrot",
        "Onion",
        "Potato",
        "Spinach",
        "Mushroom",
        "Pepper",
        "Scallion",
        "Garlic",
    ],
    "Fruit": [
        "Apple",
        "Orange",
        "Banana",
        "Lemon",
        "Mango",
        "Watermelon",
        "Strawberry",
        "Grape",
        "Pear",
        "Kiwi",
    ],
    "Meat": [
        "Chicken breast",
        "Chicken wing",
        "Pork belly",
        "Beef slice",
        "Minced pork",
        "Lamb roll",
        "Duck leg",
        "Shrimp",
    ],
    "Dairy": [
        "Fresh milk 1L",
        "Yogurt",
        "Cream",
        "Cheese slice",
        "Butter",
        "Soy milk",
        "Eggs (10)",
    ],
    "Bakery": ["Burger bun", "Toast", "Croissant", "Steamed bun", "Baguette"],
    "Frozen food": [
        "Dumplings",
        "French fries",
        "Fish fillet",
        "Ice cream",
        "Spring rolls",
        "Meatballs",
    ],
    "Beverages": [
        "Cola",
        "Orange juice",
        "Green tea",
        "Mineral water",
        "Coffee beans",
        "Lemon tea",
        "Sparkling water",
    ],
    "Dry goods": ["Rice", "Flour", "Noodles", "Sugar", "Salt", "Cooking oil"],
    "Condiments": [
        "Soy sauce",
        "Vinegar",
        "Chili sauce",
        "Oyster sauce",
        "Sesame oil",
        "Ketchup",
    ],
    "Packaging": ["Paper cup", "Lid", "Takeaway box", "Napkin", "Straw", "Bag"],
}
REGIONS = [
    ("R01", "East"),
    ("R02", "North"),
    ("R03", "South"),
    ("R04", "West"),
    ("R05", "Central"),
    ("R06", "North-East"),
    ("R07", "South-West"),
]
CITIES = {
    "R01": "Shanghai",
    "R02": "Beijing",
    "R03": "Guangzhou",
    "R04": "Chengdu",
    "R05": "Wuhan",
    "R06": "Shenyang",
    "R07": "Kunming",
}
CITY_COORDS = {
    "Shanghai": (31.23, 121.47),
    "Beijing": (39.90, 116.40),
    "Guangzhou": (23.13, 113.26),
    "Chengdu": (30.57, 104.07),
    "Wuhan": (30.59, 114.31),
    "Shenyang": (41.80, 123.43),
    "Kunming": (25.04, 102.71),
}
# Public holidays (China), fixed and lunar dates approximated per year.
LUNAR_HOLIDAYS = {
    2023: [(1, 21, 7), (4, 5, 1), (6, 22, 3), (9, 29, 8)],
    2024: [(2, 10, 8), (4, 4, 3), (6, 10, 1), (9, 15, 3)],
    2025: [(1, 28, 8), (4, 4, 3), (5, 31, 3), (10, 6, 1)],
    2026: [(2, 15, 9), (4, 4, 3), (6, 19, 3), (9, 25, 3)],
    2027: [(2, 5, 8), (4, 5, 3), (6, 9, 3), (9, 15, 3)],
}
FIXED_HOLIDAYS = [(1, 1, 1), (5, 1, 5), (10, 1, 7)]
WEEKDAY_PROFILE = np.array([0.85, 0.85, 0.9, 0.95, 1.15, 1.3, 1.2])  # Mon..Sun


@dataclass
class Region:
    code: str
    name: str
    city: str


@dataclass
class Site:
    """A store, the central warehouse (``warehouse``) or kitchen (``kitchen``)."""

    code: str
    name: str
    site_type: str
    region_code: str | None
    city: str
    latitude: float
    longitude: float
    size: float = 1.0  # relative traffic of a store


@dataclass
class Supplier:
    ref: str
    name: str
    lead_time_days: int
    min_order_amount: float
    city: str


@dataclass
class Product:
    default_code: str
    name: str
    category: str
    storage_type: str
    uom: str
    pack_size: int
    shelf_life_days: int
    cost: float
    price: float
    supplier_refs: list
    supplier_prices: list
    moq: float
    source: str  # "warehouse", "kitchen" or "supplier"
    base_rate: float  # mean daily units sold in a store of size 1


@dataclass
class Chain:
    seed: int
    start: date
    days: int
    regions: list
    sites: list
    suppliers: list
    products: list
    holidays: list
    sales: np.ndarray = field(repr=False)  # (stores, products, days) int32
    promo: np.ndarray = field(repr=False)  # (products, days) bool
    stockout: np.ndarray = field(repr=False)  # (stores, products, days) bool

    @property
    def stores(self):
        return [s for s in self.sites if s.site_type == "store"]

    @property
    def dates(self):
        return [self.start + timedelta(days=i) for i in range(self.days)]

    def sales_rows(self, store_index=None):
        """Yield (store code, product code, date, qty, promo, stockout), qty > 0
        or stock-out days only, store by store (memory stays flat)."""
        stores = self.stores
        indexes = range(len(stores)) if store_index is None else [store_index]
        dates = self.dates
        for s in indexes:
            sales, out = self.sales[s], self.stockout[s]
            prod_idx, day_idx = np.nonzero((sales > 0) | out)
            for p, d in zip(prod_idx.tolist(), day_idx.tolist()):
                yield (
                    stores[s].code,
                    self.products[p].default_code,
                    dates[d],
                    int(sales[p, d]),
                    bool(self.promo[p, d]),
                    bool(out[p, d]),
                )


def holidays_between(start, days):
    """Public holidays in [start, start + days), as a sorted list of dates."""
    end = start + timedelta(days=days)
    found = set()
    for year in range(start.year, end.year + 1):
        spans = FIXED_HOLIDAYS + LUNAR_HOLIDAYS.get(year, [(2, 1, 7)])
        for month, day, length in spans:
            first = date(year, month, day)
            for i in range(length):
                d = first + timedelta(days=i)
                if start <= d < end:
                    found.add(d)
    return sorted(found)


def _sites(rng, stores):
    n_regions = max(1, min(len(REGIONS), -(-stores // 4)))
    regions = [Region(code, name, CITIES[code]) for code, name in REGIONS[:n_regions]]
    hq_city = regions[0].city
    lat, lon = CITY_COORDS[hq_city]
    sites = [
        Site("CW", "Central Warehouse", "warehouse", None, hq_city, lat, lon),
        Site("CK", "Central Kitchen", "kitchen", None, hq_city, lat + 0.01, lon),
    ]
    for i in range(stores):
        region = regions[i % n_regions]
        lat, lon = CITY_COORDS[region.city]
        sites.append(
            Site(
                code=f"S{i + 1:03d}" if stores < 1000 else f"S{i + 1:04d}",
                name=f"{region.city} Store {i // n_regions + 1}",
                site_type="store",
                region_code=region.code,
                city=region.city,
                latitude=round(lat + rng.uniform(-0.15, 0.15), 6),
                longitude=round(lon + rng.uniform(-0.15, 0.15), 6),
                size=float(np.round(rng.lognormal(0.0, 0.35), 3)),
            )
        )
    return regions, sites


def _suppliers(rng, count, regions):
    suppliers = []
    for i in range(count):
        city = regions[i % len(regions)].city
        suppliers.append(
            Supplier(
                ref=f"SUP{i + 1:03d}",
                name=f"{city} Food Supply {i + 1:02d} Co., Ltd.",
                lead_time_days=int(rng.integers(1, 6)),
                min_order_amount=float(rng.choice([0, 200, 500, 1000])),
                city=city,
            )
        )
    return suppliers


def _products(rng, count, suppliers):
    names = list(CATEGORIES)
    weights = np.array([STORAGE[CATEGORIES[c][0]][1] for c in names])
    weights = weights / weights.sum()
    cats = rng.choice(len(names), size=count, p=weights)
    products = []
    seen = {}
    for i, c in enumerate(cats.tolist()):
        category = names[c]
        storage, uom, packs, price = CATEGORIES[category]
        words = ITEM_WORDS[category]
        word = words[int(rng.integers(len(words)))]
        seen[word] = seen.get(word, 0) + 1
        name = word if seen[word] == 1 else f"{word} #{seen[word]}"
        low, high = STORAGE[storage][0]
        cost = round(float(price * rng.uniform(0.6, 1.6)), 2)
        n_sup = 1 if len(suppliers) < 2 else int(rng.integers(1, 3))
        sup_idx = rng.choice(len(suppliers), size=n_sup, replace=False).tolist()
        source = (
            "kitchen"
            if category in ("Bakery",)
            else "warehouse"
            if storage in ("dry", "frozen")
            else "supplier"
        )
        products.append(
            Product(
                default_code=f"P{i + 1:05d}",
                name=name,
                category=category,
                storage_type=storage,
                uom=uom,
                pack_size=int(packs[int(rng.integers(len(packs)))]),
                shelf_life_days=int(rng.integers(low, high + 1)),
                cost=cost,
                price=round(cost * float(rng.uniform(1.4, 2.5)), 2),
                supplier_refs=[suppliers[j].ref for j in sup_idx],
                supplier_prices=[
                    round(cost * float(rng.uniform(0.95, 1.1)), 2) for _ in sup_idx
                ],
                moq=float(rng.choice([0, 5, 10, 20])),
                source=source,
                # Long tail: a few best sellers, many slow movers.
                base_rate=float(np.round(rng.lognormal(1.2, 1.1), 3)),
            )
        )
    return products


def _promotions(rng, n_products, days):
    promo = np.zeros((n_products, days), dtype=bool)
    n_promos = max(1, days // 45)
    for p in range(n_products):
        if rng.random() < 0.4:
            continue
        for _ in range(int(rng.integers(1, n_promos + 1))):
            start = int(rng.integers(0, days))
            promo[p, start : start + int(rng.integers(3, 11))] = True
    return promo


def generate_chain(seed=42, stores=6, products=40, days=120, suppliers=5, start=None):
    """Build a chain as plain data; the same arguments give the same chain."""
    if min(stores, products, days, suppliers) < 1:
        raise ValueError("stores, products, days and suppliers must be at least 1")
    rng = np.random.default_rng(seed)
    start = start or date(2025, 1, 1)
    regions, sites = _sites(rng, stores)
    supplier_list = _suppliers(rng, suppliers, regions)
    product_list = _products(rng, products, supplier_list)
    holidays = holidays_between(start, days)

    day_index = np.arange(days)
    dates = [start + timedelta(days=int(i)) for i in day_index]
    weekday = np.array([d.weekday() for d in dates])
    doy = np.array([d.timetuple().tm_yday for d in dates])
    holiday = np.isin(
        np.array(dates, dtype="datetime64[D]"),
        np.array(holidays, dtype="datetime64[D]"),
    )
    # Per product: yearly phase and amplitude (cold drinks peak in summer, ...)
    phase = rng.uniform(0, 2 * np.pi, size=products)
    amplitude = rng.uniform(0.05, 0.35, size=products)
    yearly = 1 + amplitude[:, None] * np.sin(
        2 * np.pi * doy[None, :] / 365.25 + phase[:, None]
    )
    weekly = WEEKDAY_PROFILE[weekday][None, :] ** rng.uniform(
        0.5, 1.5, size=(products, 1)
    )
    holiday_effect = np.where(holiday, 1.35, 1.0)[None, :]
    promo = _promotions(rng, products, days)
    uplift = np.where(promo, rng.uniform(1.3, 2.2, size=(products, 1)), 1.0)
    rate = np.array([p.base_rate for p in product_list])[:, None]
    profile = (rate * yearly * weekly * holiday_effect * uplift).astype(np.float32)

    store_sites = [s for s in sites if s.site_type == "store"]
    sales = np.empty((len(store_sites), products, days), dtype=np.int32)
    stockout = np.zeros((len(store_sites), products, days), dtype=bool)
    for s, site in enumerate(store_sites):
        store_rng = np.random.default_rng([seed, s])
        noise = store_rng.gamma(8.0, 1 / 8.0, size=(products, days)).astype(np.float32)
        lam = profile * np.float32(site.size) * noise
        sales[s] = store_rng.poisson(lam)
        # Stock-outs: short runs of days with nothing to sell.
        n_events = max(1, int(products * days * 0.004))
        ps = store_rng.integers(0, products, size=n_events)
        ds = store_rng.integers(0, days, size=n_events)
        lengths = store_rng.integers(1, 4, size=n_events)
        for p, d, n in zip(ps.tolist(), ds.tolist(), lengths.tolist()):
            stockout[s, p, d : d + n] = True
        sales[s][stockout[s]] = 0
    return Chain(
        seed=seed,
        start=start,
        days=days,
        regions=regions,
        sites=sites,
        suppliers=supplier_list,
        products=product_list,
        holidays=holidays,
        sales=sales,
        promo=promo,
        stockout=stockout,
    )
