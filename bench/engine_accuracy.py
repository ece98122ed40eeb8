"""Accuracy benchmark: automatic forecast vs Prophet vs seasonal naive.

Rolling-origin backtest on the two real data sets (pasta_daily, 14 days ahead;
dunnhumby_weekly, 4 weeks ahead), all methods in the same run on the same cores.
Bars: auto WAPE at least 10% lower than Prophet's and 15% lower than the
seasonal naive's.

    python bench/engine_accuracy.py [--origins 4] [--workers 2] [--only pasta]
        [--sample N]

With ``--sample N`` the methods are compared on a seeded random sample of N
series of each data set (the whole engine runs on that sample: its own global
model and choice), to bound Prophet's run time on a busy machine.
"""

from __future__ import annotations

import argparse
import json
import time
import warnings

import numpy as np
from boh_engine.backtest import backtest
from boh_engine.data import load_panel
from engine_common import command_line, data_dir, markdown

SETS = {
    "pasta": ("pasta_daily.csv.gz", "D", 14),
    "dunnhumby": ("dunnhumby_weekly.csv.gz", "W", 4),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--origins", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--only", choices=tuple(SETS), default=None)
    parser.add_argument("--methods", default="auto,prophet,snaive")
    parser.add_argument(
        "--sample",
        type=int,
        default=0,
        help="compare on a seeded sample of N series (0: all)",
    )
    args = parser.parse_args()
    folder = data_dir()
    methods = args.methods.split(",")
    results = {}
    for name, (file, freq, horizon) in SETS.items():
        if args.only and name != args.only:
            continue
        t0 = time.perf_counter()
        panel = load_panel(folder / file, freq)
        load = time.perf_counter() - t0
        if 0 < args.sample < panel.n_series:
            rng = np.random.default_rng(0)
            panel = panel.rows(
                np.sort(rng.choice(panel.n_series, args.sample, replace=False))
            )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            table, _ = backtest(
                panel,
                horizon,
                args.origins,
                methods,
                workers=args.workers,
                backend="processes",
            )
        rows = table.to_dict(orient="records")
        by = {r["method"]: r for r in rows}
        summary = {"series": panel.n_series, "load_seconds": round(load, 2)}
        if "auto" in by:
            for ref in ("prophet", "snaive"):
                if ref in by:
                    summary[f"auto_vs_{ref}_wape_reduction"] = round(
                        1 - by["auto"]["wape"] / by[ref]["wape"], 4
                    )
        results[name] = {"table": rows, "summary": summary}
        print(
            f"\n## {name} ({file}, freq {freq}, horizon {horizon}, "
            f"{args.origins} origins, {panel.n_series} series)\n"
        )
        print(markdown(rows))
        print(json.dumps(summary))
    print("\ncommand:", command_line())
    print(json.dumps(results, default=float))


if __name__ == "__main__":
    main()
