"""Speed of the explosion of dish forecasts into ingredient forecasts.

Times ``boh_recipe_forecast/lib/explosion.py`` as a forecast run's store jobs
call it: per store, the weight array of the recipe matrix, then the mean, P50,
sigma and P10/P90 of every ingredient and day.  ``--stores`` stores of
``--dishes`` dishes (each using ``--per-dish`` of ``--ingredients``
ingredients), ``--days`` days.  With ``--backtest`` it also times the engine's
backtest the choice of sources runs for one store (``--weeks`` origins of 7
days, default models, ``--history`` days), the expensive part of the step.

    PYTHONPATH=engine python3 bench/recipe_explosion.py
    PYTHONPATH=engine python3 bench/recipe_explosion.py --backtest
"""

import argparse
import importlib.util
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]


def load_explosion():
    path = ROOT / "addons/boh_recipe_forecast/lib/explosion.py"
    spec = importlib.util.spec_from_file_location("recipe_explosion", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def make_matrix(rng, dishes, ingredients, per_dish):
    return {
        d: {
            int(i): float(rng.uniform(0.01, 0.3))
            for i in rng.choice(ingredients, per_dish, replace=False)
        }
        for d in range(dishes)
    }


def bench_explosion(args, explosion):
    rng = np.random.default_rng(0)
    matrix = make_matrix(rng, args.dishes, args.ingredients, args.per_dish)
    dishes = sorted(matrix)
    ingredients = sorted({i for row in matrix.values() for i in row})
    p50 = rng.gamma(2.0, 5.0, size=(args.stores, args.dishes, args.days))
    spread = p50 * rng.uniform(0.3, 1.0, size=p50.shape)
    t0 = time.perf_counter()
    for s in range(args.stores):
        w = explosion.weights(matrix, dishes, ingredients)
        explosion.explode(
            w, p50[s], np.maximum(p50[s] - spread[s], 0), p50[s], p50[s] + spread[s]
        )
    total = time.perf_counter() - t0
    print(
        f"{args.stores} stores x {args.dishes} dishes x {args.days} days"
        f" ({len(ingredients)} ingredients): {total:.3f} s,"
        f" {1000 * total / args.stores:.2f} ms a store"
    )


def bench_backtest(args):
    import boh_engine
    import pandas as pd

    rng = np.random.default_rng(1)
    n = args.dishes + args.ingredients
    days = pd.date_range("2024-01-01", periods=args.history, freq="D")
    profile = np.tile([0.8, 0.9, 1.0, 1.0, 1.2, 1.4, 1.3], args.history // 7 + 1)
    qty = rng.poisson(rng.gamma(2.0, 3.0, size=(n, 1)) * profile[: args.history])
    frame = pd.DataFrame(
        {
            "store": 0,
            "item": np.repeat(np.arange(n), args.history),
            "date": np.tile(days, n),
            "qty": qty.reshape(-1).astype(float),
        }
    )
    panel = boh_engine.build_panel(boh_engine.validate(frame), "D")
    t0 = time.perf_counter()
    boh_engine.backtest(panel, 7, args.weeks, ["auto"], workers=1, backend="inline")
    print(
        f"backtest of one store, {n} series x {args.history} days,"
        f" {args.weeks} weekly origins: {time.perf_counter() - t0:.1f} s"
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--stores", type=int, default=200)
    parser.add_argument("--dishes", type=int, default=300)
    parser.add_argument("--ingredients", type=int, default=400)
    parser.add_argument("--per-dish", type=int, default=8)
    parser.add_argument("--days", type=int, default=28)
    parser.add_argument("--backtest", action="store_true")
    parser.add_argument("--weeks", type=int, default=4)
    parser.add_argument("--history", type=int, default=730)
    args = parser.parse_args()
    bench_explosion(args, load_explosion())
    if args.backtest:
        bench_backtest(args)


if __name__ == "__main__":
    main()
