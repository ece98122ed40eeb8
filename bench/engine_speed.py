"""Speed benchmark: whole process (data to forecasts file), model choice included.

1. ``--case dunnhumby``: the 3,909 weekly series of dunnhumby_weekly, 4 weeks
   ahead, read from the CSV, automatic choice, forecasts written to CSV.
   Prophet on the same series and cores gives the reference series/s.
2. ``--case generated``: N daily series (default 100,000) x 730 days generated
   in memory (long table, compact dtypes), validated, cleaned, forecast 28 days
   ahead with model choice and written to CSV. Reports wall time and the peak
   resident memory of the whole process tree (sampled every 0.1 s).

    python bench/engine_speed.py --case generated --series 100000 --workers 2
    python bench/engine_speed.py --case dunnhumby --workers 2 --prophet-series 400
"""

from __future__ import annotations

import argparse
import json
import tempfile
import threading
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import psutil
from boh_engine import engine
from boh_engine.data import build_panel, load_panel, validate
from engine_common import command_line, data_dir, markdown


class PeakMemory:
    """Peak summed RSS of this process and its children, sampled in a thread."""

    def __init__(self, every: float = 0.1) -> None:
        self.every = every
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            total = 0
            for p in [me] + me.children(recursive=True):
                try:
                    total += p.memory_info().rss
                except psutil.Error:
                    pass
            self.peak = max(self.peak, total)
            time.sleep(self.every)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    @property
    def peak_mb(self) -> float:
        return self.peak / 2**20


def generate(
    n_series: int, days: int, seed: int = 0, block: int = 5000
) -> pd.DataFrame:
    """Long table of synthetic daily demand: level, weekly and yearly profile,
    promotions (x1.8), Poisson noise, 2% of series starting late (new).

    Built block by block in compact dtypes (int32 codes, float32 values) so the
    generator does not dominate the peak memory.
    """
    rng = np.random.default_rng(seed)
    n_items = 100
    t = np.arange(days)
    start = np.where(
        rng.random(n_series) < 0.02, rng.integers(0, days - 10, n_series), 0
    )
    keep = t[None, :] >= start[:, None]
    rows = int(keep.sum())
    qty = np.empty(rows, np.float32)
    promo = np.empty(rows, np.float32)
    pos = 0
    for lo in range(0, n_series, block):
        m = min(block, n_series - lo)
        base = np.exp(rng.normal(1.0, 1.2, m)).astype(np.float32)
        weekly = rng.uniform(0.7, 1.4, (m, 7)).astype(np.float32)
        phase = rng.random((m, 1))
        yearly = 1 + 0.2 * np.sin(2 * np.pi * (t[None, :] / 365.25 + phase))
        flags = rng.random((m, days)) < 0.1
        lam = base[:, None] * weekly[:, t % 7] * yearly * np.where(flags, 1.8, 1.0)
        k = keep[lo : lo + m]
        count = int(k.sum())
        qty[pos : pos + count] = rng.poisson(lam)[k]
        promo[pos : pos + count] = flags[k]
        pos += count
    sid = np.repeat(np.arange(n_series, dtype=np.int32), days)[keep.reshape(-1)]
    dates = np.datetime64("2023-01-01", "s") + t.astype("timedelta64[D]")
    day = np.tile(np.arange(days, dtype=np.int32), n_series)[keep.reshape(-1)]
    return pd.DataFrame(
        {
            "store": sid // n_items,
            "item": sid % n_items,
            "date": dates[day],
            "qty": qty,
            "promo": promo,
        },
        copy=False,
    )


def run_generated(args) -> dict:
    with PeakMemory() as mem:
        t0 = time.perf_counter()
        df = generate(args.series, args.days, args.seed)
        t_gen = time.perf_counter() - t0
        rows = len(df)
        t1 = time.perf_counter()
        table = validate(df, "generated")
        del df
        panel = build_panel(table, "D", args.horizon)
        del table
        t_panel = time.perf_counter() - t1
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            res = engine.forecast_panel(
                panel,
                args.horizon,
                workers=args.workers,
                backend="processes",
                progress=True,
            )
        t_fc = time.perf_counter() - t1 - t_panel
        with tempfile.TemporaryDirectory() as tmp:
            res.table().to_csv(Path(tmp) / "forecasts.csv", index=False)
        total = time.perf_counter() - t0
    models = pd.Series(res.model).value_counts().to_dict()
    return {
        "series": args.series,
        "days": args.days,
        "rows": rows,
        "horizon": args.horizon,
        "workers": args.workers,
        "generate_s": round(t_gen, 1),
        "validate_clean_s": round(t_panel, 1),
        "forecast_s": round(t_fc, 1),
        "total_s": round(total, 1),
        "engine_s": round(total - t_gen, 1),
        "series_per_s": round(args.series / (total - t_gen), 1),
        "peak_rss_mb": round(mem.peak_mb),
        "models": models,
    }


def run_dunnhumby(args) -> list[dict]:
    path = data_dir() / "dunnhumby_weekly.csv.gz"
    out = []
    with tempfile.TemporaryDirectory() as tmp, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with PeakMemory() as mem:
            t0 = time.perf_counter()
            panel = load_panel(path, "W", 4)
            res = engine.forecast_panel(
                panel, 4, workers=args.workers, backend="processes"
            )
            res.table().to_csv(Path(tmp) / "f.csv", index=False)
            res.series_table().to_csv(Path(tmp) / "s.csv", index=False)
            secs = time.perf_counter() - t0
        out.append(
            {
                "method": "auto (whole process)",
                "series": panel.n_series,
                "seconds": round(secs, 2),
                "series_per_s": round(panel.n_series / secs, 1),
                "peak_rss_mb": round(mem.peak_mb),
            }
        )
        if args.prophet_series:
            sub = panel.rows(np.arange(min(args.prophet_series, panel.n_series)))
            t0 = time.perf_counter()
            engine.forecast_panel(
                sub,
                4,
                "prophet",
                workers=args.workers,
                backend="processes",
                chunk_size=50,
            )
            secs = time.perf_counter() - t0
            out.append(
                {
                    "method": "prophet (same cores)",
                    "series": sub.n_series,
                    "seconds": round(secs, 2),
                    "series_per_s": round(sub.n_series / secs, 1),
                    "peak_rss_mb": 0,
                }
            )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--case", choices=("generated", "dunnhumby"), required=True)
    parser.add_argument("--series", type=int, default=100_000)
    parser.add_argument("--days", type=int, default=730)
    parser.add_argument("--horizon", type=int, default=28)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--prophet-series",
        type=int,
        default=400,
        help="dunnhumby: Prophet on the first N series (0: skip)",
    )
    args = parser.parse_args()
    if args.case == "generated":
        result = run_generated(args)
        print(markdown([{k: v for k, v in result.items() if k != "models"}], "{:.1f}"))
        print("models chosen:", result["models"])
    else:
        rows = run_dunnhumby(args)
        print(markdown(rows, "{:.2f}"))
        if len(rows) == 2:
            ratio = rows[0]["series_per_s"] / rows[1]["series_per_s"]
            print(f"speed ratio auto / prophet: {ratio:.1f}x")
        result = rows
    print("command:", command_line())
    print(json.dumps(result, default=str))


if __name__ == "__main__":
    main()
