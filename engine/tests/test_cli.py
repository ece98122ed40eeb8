import json

import pandas as pd
import pytest
from conftest import long_table

from boh_engine.cli import main


@pytest.mark.parametrize("cmd", ["forecast", "backtest", "simulate"])
def test_help(cmd, capsys):
    with pytest.raises(SystemExit) as exc:
        main([cmd, "--help"])
    assert exc.value.code == 0
    assert "--data" in capsys.readouterr().out


def test_forecast_writes_csv(daily_csv, tmp_path, capsys):
    out = tmp_path / "fc.csv"
    assert (
        main(
            [
                "forecast",
                "--data",
                str(daily_csv),
                "--freq",
                "D",
                "--horizon",
                "5",
                "--out",
                str(out),
                "--no-progress",
            ]
        )
        == 0
    )
    fc = pd.read_csv(out)
    assert list(fc.columns) == [
        "store",
        "item",
        "date",
        "qty",
        "p10",
        "p50",
        "p90",
        "model",
    ]
    assert len(fc) == 6 * 5
    assert fc["date"].min() > long_table()["date"].max()
    series = pd.read_csv(tmp_path / "fc_series.csv")
    assert {"backtest_wape", "returns", "outliers"} <= set(series.columns)
    assert json.loads(capsys.readouterr().err.strip().splitlines()[-1])["series"] == 6


def test_forecast_with_future_drivers(daily_csv, tmp_path):
    fut = tmp_path / "fut.csv"
    last = pd.Timestamp(long_table()["date"].max())
    pd.DataFrame(
        {
            "store": "S0",
            "item": "I0",
            "date": [
                (last + pd.Timedelta(days=d)).strftime("%Y-%m-%d") for d in (1, 2, 3)
            ],
            "promo": [1, 0, 1],
        }
    ).to_csv(fut, index=False)
    out = tmp_path / "fc.csv"
    assert (
        main(
            [
                "forecast",
                "--data",
                str(daily_csv),
                "--future",
                str(fut),
                "--horizon",
                "3",
                "--out",
                str(out),
                "--method",
                "ma",
                "--no-progress",
            ]
        )
        == 0
    )
    fc = pd.read_csv(out)
    s0 = fc[(fc.store == "S0") & (fc.item == "I0")]["qty"].to_numpy()
    assert s0[0] > s0[1] and s0[2] > s0[1]


def test_backtest_json(weekly_csv, capsys):
    assert (
        main(
            [
                "backtest",
                "--data",
                str(weekly_csv),
                "--freq",
                "W",
                "--horizon",
                "4",
                "--origins",
                "2",
                "--models",
                "ets,snaive",
                "--no-progress",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    payload = json.loads(out[out.index("[") :])
    assert [r["method"] for r in payload] == ["ets", "snaive"]
    for key in ("wape", "mase", "bias", "coverage_p10_p90", "seconds", "series_per_s"):
        assert key in payload[0]


@pytest.mark.parametrize("policy", ["minmax", "par", "forecast"])
def test_simulate(daily_csv, capsys, policy):
    assert (
        main(
            [
                "simulate",
                "--data",
                str(daily_csv),
                "--policy",
                policy,
                "--lead-time",
                "2",
                "--review",
                "1",
                "--service-level",
                "0.9",
                "--shelf-life",
                "5",
                "--days",
                "28",
                "--refit",
                "14",
                "--no-progress",
            ]
        )
        == 0
    )
    kpis = json.loads(capsys.readouterr().out)
    assert 0.5 < kpis["fill_rate"] <= 1.0
    assert kpis["orders"] > 0
    assert kpis["waste"] >= 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["backtest", "--horizon", "4", "--models", "magic"], "unknown model"),
        (["backtest", "--horizon", "50", "--origins", "9"], "too short"),
        (["simulate", "--policy", "par", "--service-level", "1.5"], "service-level"),
        (["simulate", "--policy", "par", "--freq", "W"], "daily"),
    ],
)
def test_cli_bad_arguments(daily_csv, capsys, args, message):
    assert main(args[:1] + ["--data", str(daily_csv)] + args[1:]) == 2
    assert message in capsys.readouterr().err


def test_cli_bad_file(tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text("store,item,date,qty\nA,B,2024-01-01,x\n")
    assert (
        main(
            [
                "forecast",
                "--data",
                str(bad),
                "--horizon",
                "2",
                "--out",
                str(tmp_path / "o.csv"),
            ]
        )
        == 2
    )
    err = capsys.readouterr().err
    assert "row 2" in err and "'qty'" in err


def test_horizon_zero_rejected(daily_csv):
    with pytest.raises(SystemExit) as exc:
        main(["forecast", "--data", str(daily_csv), "--horizon", "0", "--out", "x"])
    assert exc.value.code == 2
