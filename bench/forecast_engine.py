"""Forecast speed of one store through boh_forecast's engine adapter.

Generates a store of ``--products`` series with ``--days`` of daily history
(weekly pattern, promotions, stock-outs), forecasts it ``--stores`` times the
way a run's job does (``services.engine.forecast_store``) and prints seconds
per store and the estimated time of a full run on ``--workers`` job workers.

    PYTHONPATH=engine python3 bench/forecast_engine.py \
        --products 500 --days 730 --stores 2 --workers 2 --chain-stores 200
"""

import argparse
import importlib.util
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np


def history(products, days, seed):
    rng = np.random.default_rng(seed)
    origin = date(2025, 1, 1)
    start = origin - timedelta(days=days)
    level = rng.gamma(1.2, 4.0, size=products)
    weekly = np.array([0.85, 0.85, 0.9, 0.95, 1.15, 1.3, 1.2])
    day_idx = np.arange(days)
    dow = np.array([(start + timedelta(days=int(d))).weekday() for d in day_idx])
    lam = level[:, None] * weekly[dow][None, :]
    promo = rng.random((products, days)) < 0.03
    lam = np.where(promo, lam * 1.6, lam)
    qty = rng.poisson(lam).astype(float)
    out = rng.random((products, days)) < 0.004
    qty[out] = 0
    p_idx, d_idx = np.nonzero((qty > 0) | out)
    dates = [start + timedelta(days=int(d)) for d in d_idx]
    return origin, {
        "item": p_idx + 1,
        "date": dates,
        "qty": qty[p_idx, d_idx],
        "stockout": out[p_idx, d_idx].astype(float),
        "promo": promo[p_idx, d_idx].astype(float),
        "holiday": np.zeros(len(p_idx)),
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--products", type=int, default=500)
    parser.add_argument("--days", type=int, default=730)
    parser.add_argument("--stores", type=int, default=2, help="stores timed")
    parser.add_argument("--horizon", type=int, default=28)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--chain-stores", type=int, default=200)
    args = parser.parse_args()
    path = (
        Path(__file__).resolve().parents[1] / "addons/boh_forecast/services/engine.py"
    )
    spec = importlib.util.spec_from_file_location("boh_forecast_engine", path)
    engine = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(engine)
    seconds = []
    for s in range(args.stores):
        origin, hist = history(args.products, args.days, seed=s)
        t0 = time.perf_counter()
        forecasts, series, errors = engine.forecast_store(hist, origin, args.horizon)
        seconds.append(time.perf_counter() - t0)
        print(
            f"store {s}: {len(series)} series, {len(forecasts['item'])} rows,"
            f" {len(errors)} errors, {seconds[-1]:.1f} s"
        )
    per_store = float(np.mean(seconds))
    total = per_store * args.chain_stores / args.workers
    print(
        f"engine: {per_store:.1f} s a store of {args.products} series x"
        f" {args.days} days; {args.chain_stores} stores on {args.workers}"
        f" workers: about {total / 60:.1f} min (engine time only)"
    )


if __name__ == "__main__":
    main()
