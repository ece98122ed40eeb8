"""Draw docs/engine/forecast_example.png: a pasta item's forecast, P10-P90 band
and the actual sales (forecast made 28 days before the end of the history).

    python bench/engine_plot.py [--item B1_1]
"""

from __future__ import annotations

import argparse
import warnings

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from boh_engine import engine  # noqa: E402
from boh_engine.data import load_panel  # noqa: E402
from engine_common import ROOT, command_line, data_dir  # noqa: E402

OUT = ROOT / "docs" / "engine" / "forecast_example.png"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--item", default=None, help="pasta item (default: busiest)")
    parser.add_argument("--horizon", type=int, default=28)
    args = parser.parse_args()
    panel = load_panel(data_dir() / "pasta_daily.csv.gz", "D")
    t = panel.y.shape[1]
    origin = t - args.horizon
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = engine.forecast_panel(panel.truncate(origin, args.horizon), args.horizon)
    if args.item:
        i = list(panel.item).index(args.item)
    else:
        i = int(np.nanargmax(np.nanmean(panel.y[:, -90:], axis=1)))
    hist = slice(origin - 56, origin)
    fig, ax = plt.subplots(figsize=(10, 4.5))
    ax.plot(panel.dates[hist], panel.y[i, hist], color="0.4", label="sales (history)")
    ax.plot(
        res.dates, panel.y[i, origin:], "o-", color="black", ms=3, label="actual sales"
    )
    ax.fill_between(
        res.dates, res.p10[i], res.p90[i], color="tab:blue", alpha=0.25, label="P10-P90"
    )
    ax.plot(
        res.dates,
        res.forecast[i],
        color="tab:blue",
        lw=2,
        label=f"forecast ({res.model[i]})",
    )
    ax.axvline(panel.dates[origin - 1], color="0.7", ls="--")
    ax.set_title(
        f"pasta_daily, store {panel.store[i]}, item {panel.item[i]}: "
        f"{args.horizon}-day forecast"
    )
    ax.set_ylabel("units per day")
    ax.legend(loc="upper left", fontsize=8)
    fig.autofmt_xdate()
    fig.tight_layout()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(OUT, dpi=110)
    inside = np.mean(
        (panel.y[i, origin:] >= res.p10[i]) & (panel.y[i, origin:] <= res.p90[i])
    )
    print(f"wrote {OUT.relative_to(ROOT)}; actuals inside P10-P90: {inside:.0%}")
    print("command:", command_line())


if __name__ == "__main__":
    main()
