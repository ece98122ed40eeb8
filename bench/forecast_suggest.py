"""Speed of the suggestions of a 500-line store order (engine policy part).

Times ``services.engine.suggest_orders`` for ``--lines`` items with a 28-day
forecast, as ``boh.store.order.line._get_suggestions`` calls it once per
order (the ORM side adds one query for the forecasts and one for the classes).

    PYTHONPATH=engine python3 bench/forecast_suggest.py --lines 500
"""

import argparse
import importlib.util
import time
from pathlib import Path

import numpy as np


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    path = (
        Path(__file__).resolve().parents[1] / "addons/boh_forecast/services/engine.py"
    )
    spec = importlib.util.spec_from_file_location("boh_forecast_engine", path)
    engine = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(engine)
    rng = np.random.default_rng(0)
    n = args.lines
    fc = rng.gamma(2.0, 3.0, size=(n, 28))
    times = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        out = engine.suggest_orders(
            fc,
            rng.uniform(0, 20, n),
            rng.uniform(0, 5, n),
            np.full(n, 2),
            np.full(n, 3),
            np.full(n, 0.95),
            rng.choice([1, 6, 12], n),
            np.zeros(n),
            np.where(rng.random(n) < 0.3, 3.0, np.nan),
            p10=fc * 0.7,
            p90=fc * 1.3,
        )
        times.append(time.perf_counter() - t0)
    print(
        f"{n} lines: {1000 * np.median(times):.1f} ms (median of {args.repeat}),"
        f" {int((out['suggested_qty'] > 0).sum())} lines to order"
    )


if __name__ == "__main__":
    main()
