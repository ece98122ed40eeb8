"""Command line: ``boh-engine forecast|backtest|simulate`` (see ``--help``)."""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from pathlib import Path

import numpy as np

from . import engine, simulation
from .backends import BACKENDS
from .backtest import backtest
from .data import load_panel
from .errors import InputError
from .policy import suggest_orders


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not an integer: {text!r}") from exc
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be >= 1, got {value}")
    return value


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--data", required=True, help="history CSV (.csv or .csv.gz)")
    p.add_argument("--freq", choices=("D", "W"), default="D", help="period")
    p.add_argument("--seed", type=int, default=0, help="random seed")


def _parallel(p: argparse.ArgumentParser) -> None:
    p.add_argument("--workers", type=_positive_int, default=1, help="parallel workers")
    p.add_argument(
        "--backend",
        choices=sorted(BACKENDS),
        default="processes",
        help="serial, process pool or dask.distributed",
    )
    p.add_argument(
        "--scheduler",
        default=None,
        help="address of an existing Dask scheduler (with --backend dask)",
    )
    p.add_argument("--no-progress", action="store_true", help="no progress bar")


def build_parser() -> argparse.ArgumentParser:
    """Argument parser of the ``boh-engine`` command."""
    parser = argparse.ArgumentParser(
        prog="boh-engine", description="BOH demand forecasting and replenishment"
    )
    sub = parser.add_subparsers(dest="command", required=True)

    f = sub.add_parser("forecast", help="forecast every series H periods ahead")
    _common(f)
    f.add_argument(
        "--future",
        default=None,
        help="CSV of future drivers (store,item,date,promo,price,...)",
    )
    f.add_argument("--horizon", type=_positive_int, required=True, help="periods")
    f.add_argument("--out", required=True, help="output CSV of forecasts")
    f.add_argument(
        "--series-out",
        default=None,
        help="per-series CSV: model, class, backtest WAPE, cleaning counts "
        "(default: OUT with suffix _series.csv)",
    )
    f.add_argument(
        "--method",
        default="auto",
        choices=engine.METHODS,
        help="auto (choice per class/series) or one model for all",
    )
    f.add_argument(
        "--prophet",
        action="store_true",
        help="let auto use Prophet on long series with promotions",
    )
    _parallel(f)

    b = sub.add_parser("backtest", help="rolling-origin backtest of methods")
    _common(b)
    b.add_argument("--horizon", type=_positive_int, required=True, help="periods")
    b.add_argument("--origins", type=_positive_int, default=4, help="origins")
    b.add_argument(
        "--models",
        default="auto,snaive",
        help=f"comma list of: {', '.join(engine.METHODS)}",
    )
    b.add_argument("--json", default=None, help="also write the JSON to this file")
    _parallel(b)

    s = sub.add_parser("simulate", help="replay demand under a replenishment policy")
    _common(s)
    s.add_argument("--policy", choices=("forecast", "minmax", "par"), required=True)
    s.add_argument("--lead-time", type=int, default=2, help="days")
    s.add_argument("--review", type=_positive_int, default=1, help="days")
    s.add_argument("--service-level", type=float, default=0.95, help="0..1")
    s.add_argument("--shelf-life", type=_positive_int, default=None, help="days")
    s.add_argument(
        "--days",
        type=_positive_int,
        default=364,
        help="simulated days at the end of the history",
    )
    s.add_argument(
        "--refit",
        type=_positive_int,
        default=7,
        help="forecast policy: re-forecast every N days",
    )
    s.add_argument("--pack-size", type=float, default=1.0, help="units per pack")
    s.add_argument("--no-progress", action="store_true", help="no progress output")
    return parser


def _progress(args) -> bool:
    return not getattr(args, "no_progress", False)


def cmd_forecast(args) -> int:
    panel = load_panel(args.data, args.freq, args.horizon, args.future)
    res = engine.forecast_panel(
        panel,
        args.horizon,
        args.method,
        use_prophet=args.prophet,
        workers=args.workers,
        backend=args.backend,
        scheduler=args.scheduler,
        seed=args.seed,
        progress=_progress(args),
    )
    out = Path(args.out)
    res.table().to_csv(out, index=False)
    series_out = args.series_out or str(
        out.with_name(out.name.split(".")[0] + "_series.csv")
    )
    res.series_table().to_csv(series_out, index=False)
    counts = {k: int(v.sum()) for k, v in panel.stats.items()}
    print(
        json.dumps(
            {
                "series": panel.n_series,
                "horizon": args.horizon,
                "out": str(out),
                "series_out": series_out,
                "ignored_columns": panel.ignored_columns,
                **counts,
            }
        ),
        file=sys.stderr,
    )
    return 0


def cmd_backtest(args) -> int:
    methods = [m.strip() for m in args.models.split(",") if m.strip()]
    bad = [m for m in methods if m not in engine.METHODS]
    if bad or not methods:
        raise InputError(
            f"unknown model(s) {bad}; choose from {', '.join(engine.METHODS)}",
            column="models",
        )
    panel = load_panel(args.data, args.freq)
    table, _ = backtest(
        panel,
        args.horizon,
        args.origins,
        methods,
        workers=args.workers,
        backend=args.backend,
        scheduler=args.scheduler,
        seed=args.seed,
        progress=_progress(args),
    )
    print(table.to_string(index=False, float_format=lambda v: f"{v:.4f}"))
    payload = json.dumps(table.to_dict(orient="records"), indent=1)
    print(payload)
    if args.json:
        Path(args.json).write_text(payload)
    return 0


def simulation_inputs(panel, days: int):
    """Real sales to replay (n, days) and the cleaned history before it."""
    y = np.nan_to_num(panel.raw.astype(np.float64), nan=0.0)
    t = y.shape[1]
    if days >= t - 28:
        raise InputError(
            f"--days {days} leaves too little history ({t} periods)", column="days"
        )
    return y[:, t - days :], panel.y[:, : t - days]


def rolling_forecasts(
    panel, start: int, days: int, need: int, refit: int, progress: bool
):
    """Forecast provider for the forecast policy: re-forecast every ``refit`` days.

    Returns ``fn(day)`` -> (mean, p10, p90) for the periods after simulated
    ``day`` (0-based from ``start``), covering at least ``need`` periods.
    """
    horizon = refit + need
    cache = {}
    for o in range(0, days, refit):
        sub = panel.truncate(start + o, horizon)
        res = engine.forecast_panel(sub, horizon, "auto", progress=False)
        cache[o] = (res.forecast, res.p10, res.p90)
        if progress:
            print(f"forecast origin {o + 1}/{days}", file=sys.stderr, end="\r")

    def provider(day: int):
        o = ((day + 1) // refit) * refit
        o = o if o in cache and o <= day + 1 else o - refit
        off = day + 1 - o
        mean, p10, p90 = cache[o]
        return mean[:, off:], p10[:, off:], p90[:, off:]

    return provider


def run_simulation(
    panel,
    policy: str,
    lead_time: int,
    review: int,
    service_level: float,
    shelf_life: int | None,
    days: int,
    refit: int = 7,
    pack: float = 1.0,
    progress: bool = False,
):
    """KPIs of one policy on the last ``days`` of ``panel`` (daily)."""
    demand, history = simulation_inputs(panel, days)
    mean, std = simulation.demand_stats(history)
    z = simulation.service_z(service_level)
    start = panel.y.shape[1] - days
    if policy == "forecast":
        need = lead_time + review + (shelf_life or 0) + 1
        provider = rolling_forecasts(panel, start, days, need, refit, progress)
        fn = simulation.forecast_policy(
            provider, lead_time, review, service_level, shelf_life, pack
        )
        first = provider(-1)
        initial = suggest_orders(
            first[0],
            0.0,
            0.0,
            lead_time,
            review,
            service_level,
            pack,
            0.0,
            shelf_life,
            first[1],
            first[2],
        )["order_up_to"]
    else:
        s, big_s = simulation.classic_levels(mean, std, lead_time, review, z, review)
        fn = (
            simulation.minmax_policy(s, big_s, pack)
            if policy == "minmax"
            else simulation.par_policy(big_s, pack)
        )
        initial = big_s
    return simulation.replay(demand, fn, lead_time, review, shelf_life, initial)


def cmd_simulate(args) -> int:
    if args.freq != "D":
        raise InputError("simulation replays daily data: use --freq D", column="freq")
    if not 0 < args.service_level < 1:
        raise InputError("must be in (0, 1)", column="service-level")
    if args.lead_time < 0:
        raise InputError("must be >= 0", column="lead-time")
    panel = load_panel(args.data, "D", keep_raw=True)
    kpis = run_simulation(
        panel,
        args.policy,
        args.lead_time,
        args.review,
        args.service_level,
        args.shelf_life,
        args.days,
        args.refit,
        args.pack_size,
        _progress(args),
    )
    print(json.dumps({"policy": args.policy, **kpis}, indent=1))
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``boh-engine`` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handlers = {
        "forecast": cmd_forecast,
        "backtest": cmd_backtest,
        "simulate": cmd_simulate,
    }
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            return handlers[args.command](args)
    except InputError as exc:
        print(f"boh-engine: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
