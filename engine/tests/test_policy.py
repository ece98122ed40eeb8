import numpy as np
import pytest

from boh_engine.errors import InputError
from boh_engine.policy import suggest_order, suggest_orders


def test_hand_computed_basic():
    # coverage 2 + 1 = 3 days of 10 -> 30; Poisson sigma sqrt(30); z(0.5) = 0
    s = suggest_order(
        [10, 10, 10, 10],
        on_hand=12,
        on_order=5,
        lead_time=2,
        review_period=1,
        service_level=0.5,
    )
    assert s.order_up_to == pytest.approx(30.0)
    assert s.suggested_qty == 13.0
    e = s.to_dict()["explanation"]
    assert e["demand_over_coverage"] == 30.0
    assert e["safety_stock"] == 0.0
    assert e["inventory_position"] == 17.0


def test_safety_stock_from_quantiles():
    # sigma per day = (18 - 2) / 2.563 = 6.2424; over 4 days: 12.4848
    # z(0.9) = 1.28155 -> safety 16.0; order-up-to 40 + 16 = 56
    s = suggest_order(
        [10] * 4,
        on_hand=0,
        lead_time=3,
        review_period=1,
        service_level=0.9,
        p10=[2] * 4,
        p90=[18] * 4,
    )
    assert s.explanation["safety_stock"] == pytest.approx(16.0, abs=1e-3)
    assert s.order_up_to == pytest.approx(56.0, abs=1e-3)
    assert s.suggested_qty == 56.0


def test_pack_rounding_and_moq():
    s = suggest_order(
        [5, 5], on_hand=0, lead_time=1, review_period=1, service_level=0.5, pack_size=6
    )
    assert s.suggested_qty == 12.0  # need 10 -> 2 packs of 6
    assert s.explanation["rounding"] == 2.0
    s = suggest_order(
        [5, 5],
        on_hand=0,
        lead_time=1,
        review_period=1,
        service_level=0.5,
        pack_size=6,
        moq=20,
    )
    assert s.suggested_qty == 24.0  # MOQ 20 -> 4 packs
    assert s.explanation["moq_applied"] is True


def test_nothing_when_stocked():
    s = suggest_order([1, 1, 1], on_hand=50, service_level=0.99, moq=10)
    assert s.suggested_qty == 0.0
    assert s.explanation["moq_applied"] is False


def test_shelf_life_cap_rounds_down():
    # demand 10/day, lead 1, review 7 -> need 80; shelf life 2 days ->
    # cap = demand over lead + shelf life (3 days) = 30 - on hand 5 = 25
    s = suggest_order(
        [10] * 8,
        on_hand=5,
        lead_time=1,
        review_period=7,
        service_level=0.5,
        shelf_life=2,
        pack_size=4,
    )
    assert s.explanation["shelf_life_cap"] == 25.0
    assert s.explanation["shelf_life_capped"] is True
    assert s.suggested_qty == 24.0


def test_short_forecast_extended():
    s = suggest_order([4], on_hand=0, lead_time=2, review_period=2, service_level=0.5)
    assert s.explanation["demand_over_coverage"] == 16.0


def test_batch_matches_single():
    rng = np.random.default_rng(0)
    fc = rng.uniform(0, 20, (5, 6))
    on_hand = rng.uniform(0, 40, 5)
    batch = suggest_orders(fc, on_hand, 3.0, 2, 1, 0.95, 2.0, 4.0, 3)
    for i in range(5):
        one = suggest_order(
            fc[i],
            on_hand=on_hand[i],
            on_order=3.0,
            lead_time=2,
            review_period=1,
            service_level=0.95,
            pack_size=2.0,
            moq=4.0,
            shelf_life=3,
        )
        assert one.suggested_qty == pytest.approx(batch["suggested_qty"][i])


@pytest.mark.parametrize(
    "kw",
    [
        {"service_level": 1.0},
        {"service_level": 0.0},
        {"pack_size": 0},
        {"lead_time": -1},
        {"review_period": 0},
        {"shelf_life": 0},
        {"on_hand": float("nan")},
    ],
)
def test_bad_parameters(kw):
    args = {"on_hand": 1.0} | kw
    with pytest.raises(InputError):
        suggest_order([1, 2], **args)


def test_bad_forecast():
    with pytest.raises(InputError):
        suggest_order([], on_hand=0)
    with pytest.raises(InputError):
        suggest_order([1, -2], on_hand=0)
