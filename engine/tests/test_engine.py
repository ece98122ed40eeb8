import numpy as np
import pandas as pd
import pytest
from conftest import long_table

from boh_engine import engine, global_model, prophet_model
from boh_engine.data import build_panel, validate
from boh_engine.errors import InputError


def panel_from(df, freq="D", **kw):
    return build_panel(validate(df), freq, **kw)


@pytest.fixture(scope="module")
def daily_panel():
    return panel_from(long_table(2, 4, 240, seed=5))


def test_forecast_shapes_and_order(daily_panel):
    res = engine.forecast_panel(daily_panel, 7)
    assert res.forecast.shape == (8, 7)
    assert np.all(res.p10 <= res.p50 + 1e-9)
    assert np.all(res.p50 <= res.p90 + 1e-9)
    assert np.all(res.p10 >= 0)
    tab = res.table()
    assert list(tab.columns) == [
        "store",
        "item",
        "date",
        "qty",
        "p10",
        "p50",
        "p90",
        "model",
    ]
    assert tab["date"].iloc[0] == (
        daily_panel.dates[-1] + pd.Timedelta(days=1)
    ).strftime("%Y-%m-%d")
    st = res.series_table()
    assert {"model", "class", "backtest_wape", "returns", "outliers"} <= set(st)
    assert st["backtest_wape"].notna().all()


@pytest.mark.parametrize("method", engine.LOCAL + ("lgbm", "combo"))
def test_every_single_model(daily_panel, method):
    res = engine.forecast_panel(daily_panel, 5, method)
    assert set(res.model) == {method}
    assert np.isfinite(res.forecast).all()
    level = np.nanmean(daily_panel.y[:, -28:], axis=1)
    assert np.all(res.forecast.mean(axis=1) < 4 * level + 1)


def test_bad_method_and_horizon(daily_panel):
    with pytest.raises(InputError):
        engine.forecast_panel(daily_panel, 0)
    with pytest.raises(InputError):
        engine.forecast_panel(daily_panel, 3, "magic")
    with pytest.raises(InputError):
        engine.forecast_panel(daily_panel, 3, candidates=("ets", "magic"))


def test_demand_classes():
    y = np.array(
        [
            [5.0] * 30,
            [1.0, 20.0] * 15,
            [0, 0, 5, 0, 0, 5] * 5,
            [0, 0, 1, 0, 0, 30] * 5,
            [np.nan] * 27 + [1, 2, 3],
        ]
    )
    cls = engine.demand_class(y, 14)
    assert list(cls) == ["smooth", "erratic", "intermittent", "lumpy", "new"]


def test_choice_by_series_and_class():
    errors = np.array([[1.0, 5.0], [4.0, 2.0], [3.0, 2.0]])
    actual = np.ones(3) * 10
    cls = np.array(["smooth", "smooth", "smooth"], dtype=object)
    has = np.array([True, True, False])
    names = ("ets", "snaive")
    assert list(engine.choose(errors, actual, cls, has, names, "series")) == [0, 1, 0]
    # class totals over series with a window: ets 5, snaive 7 -> ets
    assert list(engine.choose(errors, actual, cls, has, names, "class")) == [0, 0, 0]


def test_choice_picks_seasonal_model_on_seasonal_data():
    t = np.arange(300)
    y = np.where(t % 7 == 5, 50.0, 5.0)[None, :].repeat(3, axis=0)
    df = pd.DataFrame(
        {
            "store": np.repeat(["a", "b", "c"], 300),
            "item": "x",
            "date": np.tile(
                pd.date_range("2024-01-01", periods=300).strftime("%Y-%m-%d"), 3
            ),
            "qty": y.reshape(-1),
        }
    )
    res = engine.forecast_panel(
        panel_from(df), 7, candidates=("snaive", "croston", "tsb")
    )
    assert set(res.model) == {"snaive"}
    np.testing.assert_allclose(res.forecast[0], y[0, -7:])


def test_new_series_borrow_from_same_item():
    df = long_table(3, 2, 200, seed=2, promo=False)
    keep = ~(
        (df["store"] == "S2")
        & (df["item"] == "I1")
        & (pd.to_datetime(df["date"]) < pd.Timestamp("2023-07-18"))
    )
    res = engine.forecast_panel(panel_from(df[keep]), 7)
    i = [
        k
        for k in range(len(res.model))
        if res.panel.store[k] == "S2" and res.panel.item[k] == "I1"
    ][0]
    assert res.cls[i] == "new"
    assert res.model[i] == "borrow:item"
    assert np.all(res.forecast[i] > 0)


def test_interval_calibration_synthetic():
    rng = np.random.default_rng(0)
    n, t = 300, 200
    lam = rng.uniform(1, 30, n)[:, None]
    y = rng.poisson(lam, (n, t)).astype(float)
    df = pd.DataFrame(
        {
            "store": np.repeat(np.arange(n), t),
            "item": 1,
            "date": np.tile(pd.date_range("2024-01-01", periods=t), n),
            "qty": y.reshape(-1),
        }
    )
    panel = panel_from(df)
    hits90, hits10 = [], []
    for o in (150, 164, 178):
        res = engine.forecast_panel(panel.truncate(o, 14), 14, candidates=("ma", "ets"))
        actual = panel.y[:, o : o + 14]
        hits90.append(np.mean(actual > res.p90))
        hits10.append(np.mean(actual < res.p10))
    assert 0.05 < np.mean(hits90) < 0.15
    assert 0.04 < np.mean(hits10) < 0.16


def test_pooled_quantiles_fallback():
    scaled = np.random.default_rng(0).normal(size=(10, 2, 3))
    cls = np.array(["smooth"] * 10, dtype=object)
    q = engine.pooled_quantiles(scaled, cls)
    assert q.shape == (10, 3, 3)
    np.testing.assert_allclose(q[0, 0], np.quantile(scaled, [0.1, 0.5, 0.9]))


def test_global_model_learns_promotion():
    df = long_table(3, 4, 300, seed=7)
    p = panel_from(df)
    y = p.y.astype(float)
    booster = global_model.train(
        y[:, :280], {"promo": p.drivers["promo"][:, :280]}, p.dates[:280], "D", 14
    )
    assert booster is not None
    on = np.ones((12, 294), np.float32)
    off = np.zeros((12, 294), np.float32)
    f_on = global_model.predict(
        booster, y[:, :280], {"promo": on}, p.dates[280:294], "D"
    )
    f_off = global_model.predict(
        booster, y[:, :280], {"promo": off}, p.dates[280:294], "D"
    )
    assert f_on.mean() > 1.4 * f_off.mean()


def test_global_model_too_short():
    y = np.ones((2, 10))
    assert (
        global_model.train(y, {}, pd.date_range("2024-01-01", periods=10), "D", 7)
        is None
    )


def test_prophet_wrapper_tiny_series():
    assert prophet_model.available()
    dates = pd.date_range("2024-01-01", periods=60)
    rng = np.random.default_rng(0)
    y = np.where(np.arange(60) % 2 == 0, 10.0, 20.0) + rng.normal(0, 1, 60)
    promo = (np.arange(65) % 2).astype(float)
    future = pd.date_range("2024-03-01", periods=5)
    mean, p10, p90 = prophet_model.fit_predict_one(y, dates, future, promo)
    assert mean.shape == (5,)
    assert np.all(p10 <= mean + 1e-9) and np.all(mean <= p90 + 1e-9)
    assert mean[1] > mean[0] + 5
    one = np.array([np.nan, 3.0])
    flat, _, _ = prophet_model.fit_predict_one(one, dates[:2], dates[2:4], None)
    np.testing.assert_array_equal(flat, [3.0, 3.0])


def test_prophet_method_in_engine():
    df = long_table(1, 2, 60, seed=1)
    res = engine.forecast_panel(panel_from(df), 3, "prophet")
    assert set(res.model) == {"prophet"}
    assert np.all(res.p90 >= res.p10)


def test_weekly_forecast():
    res = engine.forecast_panel(panel_from(long_table(2, 2, 120, freq="W"), "W"), 4)
    assert res.forecast.shape == (4, 4)
    assert (res.dates[1] - res.dates[0]).days == 7


def test_all_zero_and_single_observation():
    df = pd.DataFrame(
        {
            "store": ["a"] * 40 + ["b"],
            "item": "x",
            "date": list(pd.date_range("2024-01-01", periods=40).strftime("%Y-%m-%d"))
            + ["2024-02-09"],
            "qty": [0.0] * 40 + [6.0],
        }
    )
    res = engine.forecast_panel(panel_from(df), 3)
    np.testing.assert_array_equal(res.forecast[0], 0.0)
    assert np.all(res.forecast[1] > 0)
    assert np.isfinite(res.p90).all()
