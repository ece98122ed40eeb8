import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from boh_engine import engine, models
from boh_engine.data import build_panel, validate
from boh_engine.policy import suggest_orders

series = arrays(
    np.float64,
    st.tuples(st.integers(1, 3), st.integers(1, 60)),
    elements=st.one_of(st.just(0.0), st.floats(0, 1000, allow_nan=False)),
)


@settings(max_examples=40, deadline=None)
@given(series, st.integers(1, 10))
def test_local_models_finite_non_negative(y, h):
    for fn in (
        lambda a: models.seasonal_naive(a, h, 7),
        lambda a: models.moving_average(a, h, 7, 28),
        lambda a: models.ets(a, h, 7),
        lambda a: models.theta(a, h, 7),
        lambda a: models.croston(a, h),
        lambda a: models.tsb(a, h),
    ):
        f = fn(y)
        assert f.shape == (y.shape[0], h)
        assert np.isfinite(f).all()
        assert (f >= -1e-9).all()


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.one_of(st.just(0), st.integers(-3, 40)), min_size=1, max_size=50),
    st.integers(1, 8),
)
def test_engine_on_random_series(qty, h):
    df = pd.DataFrame(
        {
            "store": "a",
            "item": "x",
            "date": pd.date_range("2024-01-01", periods=len(qty)),
            "qty": np.array(qty, dtype=float),
        }
    )
    res = engine.forecast_panel(
        build_panel(validate(df), "D"), h, candidates=("snaive", "ma", "ets", "sba")
    )
    assert res.forecast.shape == (1, h)
    for a in (res.forecast, res.p10, res.p50, res.p90):
        assert np.isfinite(a).all() and (a >= 0).all()
    assert (res.p10 <= res.p90 + 1e-9).all()
    assert res.panel.stats["returns"][0] == sum(q < 0 for q in qty)


@settings(max_examples=60, deadline=None)
@given(
    arrays(
        np.float64,
        st.tuples(st.integers(1, 4), st.integers(1, 10)),
        elements=st.floats(0, 100),
    ),
    st.floats(0, 200),
    st.floats(0, 50),
    st.integers(0, 5),
    st.integers(1, 5),
    st.floats(0.5, 0.999),
    st.sampled_from([1.0, 3.0, 12.0]),
    st.floats(0, 30),
    st.one_of(st.none(), st.integers(1, 10)),
)
def test_policy_properties(fc, on_hand, on_order, lead, review, level, pack, moq, life):
    out = suggest_orders(fc, on_hand, on_order, lead, review, level, pack, moq, life)
    q = out["suggested_qty"]
    assert (q >= 0).all()
    np.testing.assert_allclose(np.round(q / pack) * pack, q, atol=1e-6)
    assert ((q == 0) | (q >= moq - 1e-9)).all()
    more = suggest_orders(
        fc, on_hand + 50, on_order, lead, review, level, pack, moq, life
    )
    assert (more["suggested_qty"] <= q + 1e-9).all()
