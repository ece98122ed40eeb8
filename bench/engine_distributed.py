"""Same forecast run in one process, in a process pool and on a Dask cluster.

Forecasts dunnhumby_weekly (3,909 series, 4 weeks ahead, automatic choice) three
ways and checks that forecasts, quantiles and chosen models are bit-identical.
Series are cut into fixed-size chunks whatever the number of workers, every
model works row by row, the global LightGBM models are trained once before the
split with fixed seeds: the partition cannot change a result.

    python bench/engine_distributed.py --workers 2
"""

from __future__ import annotations

import argparse
import json
import time
import warnings

import numpy as np
from boh_engine import engine
from boh_engine.data import load_panel
from engine_common import command_line, data_dir, markdown


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--chunk-size", type=int, default=500)
    args = parser.parse_args()
    panel = load_panel(data_dir() / "dunnhumby_weekly.csv.gz", "W", 4)
    runs = {}
    rows = []
    for label, kw in (
        ("single process", {"workers": 1, "backend": "processes"}),
        (
            f"process pool x{args.workers}",
            {"workers": args.workers, "backend": "processes"},
        ),
        (
            f"dask LocalCluster x{args.workers}",
            {"workers": args.workers, "backend": "dask"},
        ),
    ):
        t0 = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            res = engine.forecast_panel(panel, 4, chunk_size=args.chunk_size, **kw)
        secs = time.perf_counter() - t0
        runs[label] = res
        base = next(iter(runs.values()))
        same = all(
            np.array_equal(getattr(res, k), getattr(base, k))
            for k in ("forecast", "p10", "p50", "p90", "model")
        )
        rows.append(
            {
                "run": label,
                "seconds": round(secs, 2),
                "series_per_s": round(panel.n_series / secs, 1),
                "identical_to_single_process": same,
            }
        )
    print(markdown(rows, "{:.2f}"))
    print("command:", command_line())
    print(json.dumps(rows))


if __name__ == "__main__":
    main()
