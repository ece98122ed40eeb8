import numpy as np
import pytest
from statsforecast.models import (
    TSB,
    CrostonClassic,
    CrostonSBA,
    SimpleExponentialSmoothing,
)

from boh_engine import models, sf_models


@pytest.fixture
def intermittent():
    rng = np.random.default_rng(0)
    y = (rng.random((4, 80)) < 0.3) * rng.poisson(4, (4, 80)).astype(float)
    y[:, 0] = 2.0
    return y


@pytest.mark.parametrize(
    ("ours", "ref"),
    [
        (lambda y: models.croston(y, 3), CrostonClassic()),
        (lambda y: models.sba(y, 3), CrostonSBA()),
        (lambda y: models.tsb(y, 3), TSB(alpha_d=0.1, alpha_p=0.1)),
        (lambda y: models.ses(y, 3, 0.3), SimpleExponentialSmoothing(alpha=0.3)),
    ],
)
def test_vectorised_models_match_statsforecast(intermittent, ours, ref):
    expected = sf_models.forecast_frame(intermittent, 3, ref).iloc[:, -1].to_numpy()
    np.testing.assert_allclose(ours(intermittent).reshape(-1), expected, rtol=1e-6)


def test_leading_nan_is_ignored(intermittent):
    padded = np.hstack([np.full((4, 5), np.nan), intermittent])
    for fn in (models.croston, models.tsb):
        np.testing.assert_allclose(fn(padded, 2), fn(intermittent, 2))
    np.testing.assert_allclose(
        models.ses(padded, 2, 0.2), models.ses(intermittent, 2, 0.2)
    )


def test_seasonal_naive_hand_case():
    y = np.array([[1.0, 2, 3, 4, 5, 6, 7, 8, 9, 10]])
    np.testing.assert_array_equal(models.seasonal_naive(y, 5, 3), [[8, 9, 10, 8, 9]])
    short = np.array([[np.nan, np.nan, 4.0, 6.0]])
    np.testing.assert_array_equal(models.seasonal_naive(short, 2, 3), [[5.0, 4.0]])


def test_moving_average_with_weekly_profile():
    week = np.array([1.0, 1, 1, 1, 1, 2, 0])
    y = np.tile(week, 8)[None, :] * 10
    f = models.moving_average(y, 7, 7, 28)
    np.testing.assert_allclose(f[0], week * 10, atol=2.5)
    assert f[0, 5] > f[0, 0] > f[0, 6]


def test_ets_constant_and_profile():
    y = np.full((2, 60), 4.0)
    np.testing.assert_allclose(models.ets(y, 5, 7), 4.0)
    y[1] = np.tile([2.0, 2, 2, 2, 2, 8, 2], 9)[:60]
    f = models.ets(y, 7, 7)
    assert f[1].max() > 2 * f[1].min()


def test_theta_follows_trend():
    y = np.arange(100, dtype=float)[None, :]
    f = models.theta(y, 5, 1)
    assert np.all(np.diff(f[0]) > 0)
    assert 95 < f[0, 0] < 110


def test_promo_lift_and_adjustment():
    promo = np.tile([0.0, 1.0], 100)[None, :]
    y = np.where(promo > 0, 30.0, 10.0)
    lift = models.promo_lift(y, promo)
    assert 2.5 < lift[0] < 3.0
    fut = np.hstack([promo, [[1.0, 0.0]]])
    adj, mult = models.promo_adjust(y, fut, 2)
    assert adj.max() - adj.min() < 0.3 * adj.mean()
    f = models.moving_average(adj, 2, 1, 28) * mult
    assert f[0, 0] > 2 * f[0, 1]


def test_statsforecast_autoets_wrapper():
    rng = np.random.default_rng(3)
    y = 10 + rng.normal(0, 1, (2, 40))
    y[1, :10] = np.nan
    f = sf_models.forecast(y, 4, 7, "autoets")
    assert f.shape == (2, 4)
    assert np.all(np.abs(f - 10) < 2)
    with pytest.raises(ValueError):
        sf_models.forecast(y, 4, 7, "nope")
