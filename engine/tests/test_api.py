"""Public API, model and backend registries, per-series fallback, metrics."""

import numpy as np
import pandas as pd
import pytest
from conftest import long_table

import boh_engine as be
from boh_engine import backends, choice, metrics, registry
from boh_engine.builtin_models import ETS, SeasonalNaive
from boh_engine.data import build_panel, validate


@pytest.fixture(scope="module")
def panel():
    return build_panel(validate(long_table(2, 3, 120, seed=4)), "D")


def test_public_api_names():
    for name in be.__all__:
        assert hasattr(be, name), name
    assert {"forecast", "backtest", "suggest", "simulate"} <= set(be.__all__)


def test_forecast_from_a_table_a_file_and_a_panel(tmp_path, panel):
    table = long_table(2, 3, 120, seed=4)
    from_table = be.forecast(table, 7)
    path = tmp_path / "h.csv"
    table.to_csv(path, index=False)
    from_file = be.forecast(path, 7)
    from_panel = be.forecast(panel, 7)
    for res in (from_table, from_file):
        np.testing.assert_array_equal(res.forecast, from_panel.forecast)
    assert from_panel.forecast.shape == (6, 7)
    assert (from_panel.fallback == "").all()
    assert "fallback" in from_panel.series_table().columns
    with pytest.raises(be.InputError):
        be.forecast([1, 2, 3], 7)


def test_backtest_suggest_simulate(panel):
    table, details = be.backtest(panel, 7, origins=2, methods=["snaive"])
    assert list(table["method"]) == ["snaive"]
    d = details["snaive"]
    # the reported MASE is the metrics module's, over the naive errors kept
    assert table["mase"][0] == pytest.approx(
        metrics.mase(d["actual"], d["forecast"], d["naive"])
    )
    fc = np.full((2, 5), 3.0)
    out = be.suggest(fc, on_hand=np.array([0.0, 100.0]), lead_time=1)
    assert out["suggested_qty"][0] > 0 and out["suggested_qty"][1] == 0
    kpis = be.simulate(
        np.full((1, 10), 2.0), be.simulation.par_policy(np.array([6.0])), 1
    )
    assert kpis["fill_rate"] == pytest.approx(1.0, abs=0.2)


def test_registry_lists_the_builtin_models():
    assert choice.AUTO_CANDIDATES == (
        "snaive", "ma", "ets", "theta", "croston", "sba", "tsb", "lgbm", "combo",
    )  # fmt: skip
    assert {"autoets", "autotheta", "prophet"} <= set(be.METHODS)
    assert be.MODELS["ets"] is ETS
    with pytest.raises(ValueError):
        registry.register("ets")(ETS)


def test_a_registered_model_is_a_method(panel, monkeypatch):
    monkeypatch.setattr(registry, "MODELS", dict(registry.MODELS))

    @be.register_model("flat_one")
    class FlatOne(be.Model):
        def forecast(self, ctx):
            return np.ones((len(ctx.y), ctx.h))

    res = choice.candidate_forecasts(
        panel.y[:, :100].astype(float), {}, panel.dates[100:107],
        choice.Settings("D", 7), None, ("flat_one", "snaive"),
    )[0]  # fmt: skip
    np.testing.assert_array_equal(res["flat_one"], np.ones((6, 7)))
    assert FlatOne.name == "flat_one" and not FlatOne.auto


def test_backends_registry(panel):
    assert {"serial", "inline", "processes", "dask"} <= set(be.BACKENDS)
    with pytest.raises(be.InputError, match="unknown backend"):
        be.forecast(panel, 7, backend="carrier-pigeon")
    seen = []

    @backends.register("test-recording")
    class Recording(backends.SerialBackend):
        def map(self, fn, jobs, done):
            seen.append(len(jobs))
            return super().map(fn, jobs, done)

    try:
        res = be.forecast(panel, 7, backend="test-recording", chunk_size=4)
    finally:
        del backends.BACKENDS["test-recording"]
    assert seen == [2]
    np.testing.assert_array_equal(res.forecast, be.forecast(panel, 7).forecast)


def _breaks_on(row_mean_below, message="broken model", original=ETS.forecast):
    def forecast(self, ctx):
        with np.errstate(all="ignore"):
            low = np.nanmean(ctx.y, axis=1) < row_mean_below
        if low.any():
            raise RuntimeError(message)
        return original(self, ctx)

    return forecast


def test_failing_model_falls_back_per_series(panel, monkeypatch):
    means = np.nanmean(panel.y, axis=1)
    weakest = int(np.argmin(means))
    cut = (np.sort(means)[0] + np.sort(means)[1]) / 2
    base = be.forecast(panel, 7, method="ets")
    monkeypatch.setattr(ETS, "forecast", _breaks_on(cut))
    res = be.forecast(panel, 7, method="ets")
    assert res.model[weakest] == choice.FALLBACK
    assert "ets failed (RuntimeError: broken model)" in res.fallback[weakest]
    assert "forecast with ma" in res.fallback[weakest]
    others = np.arange(panel.n_series) != weakest
    assert (res.model[others] == "ets").all() and (res.fallback[others] == "").all()
    np.testing.assert_array_equal(res.forecast[others], base.forecast[others])
    assert np.isfinite(res.forecast).all() and np.isfinite(res.p90).all()


def test_failed_candidate_is_not_chosen(panel, monkeypatch):
    monkeypatch.setattr(ETS, "forecast", _breaks_on(np.inf))
    for selection in ("class", "series", "blend"):
        res = be.forecast(panel, 7, candidates=("ets", "snaive"), selection=selection)
        assert set(res.model) <= {"snaive", "borrow:item", "borrow:store"}
        assert (res.fallback == "").all()


def test_non_finite_forecasts_and_failing_fallback(panel, monkeypatch):
    monkeypatch.setattr(
        SeasonalNaive,
        "forecast",
        lambda self, ctx: np.full((len(ctx.y), ctx.h), np.inf),
    )
    res = be.forecast(panel, 7, method="snaive")
    assert set(res.model) == {"ma"}
    assert all("non-finite" in r for r in res.fallback)
    monkeypatch.setattr(
        registry.MODELS["ma"], "forecast", _breaks_on(np.inf, "ma broken")
    )
    res = be.forecast(panel, 7, method="snaive")
    assert set(res.model) == {"zero"} and (res.forecast == 0).all()
    assert all("ma failed too" in r for r in res.fallback)


def test_metrics_definitions():
    actual = np.array([[10.0, 0.0, 5.0, np.nan]])
    forecast = np.array([[8.0, 2.0, 5.0, 3.0]])
    assert metrics.wape(actual, forecast) == pytest.approx(4 / 15)
    assert metrics.bias(actual, forecast) == pytest.approx(0.0)
    assert metrics.mase(actual, forecast, [[4, 1, None, 2]]) == pytest.approx(4 / 5)
    assert np.isnan(metrics.wape([0, 0], [1, 2]))
    assert np.isnan(metrics.mase([1, 2], [1, 2], [0, 0]))
    hist = np.array([[1.0, 2, 4, 4, 7]])
    np.testing.assert_array_equal(
        metrics.naive_errors(hist, 2), [[np.nan, np.nan, 3, 2, 3]]
    )
    assert np.isnan(metrics.naive_errors([1.0], 7)).all()
    with pytest.raises(ValueError):
        metrics.wape([1, 2], [1])
    assert metrics.coverage([1, 5], [0, 0], [2, 2]) == 0.5
    assert metrics.exceedance([1, 5], [2, 2]) == 0.5
    assert metrics.shortfall([1, 5], [2, 2]) == 0.5
    assert pd.isna(metrics.coverage([np.nan], [0], [1]))
