import numpy as np
import pytest

from boh_engine import simulation


def const_order(qty):
    return lambda day, on_hand, on_order: np.full(on_hand.shape, float(qty))


def test_replay_hand_case_lead_time():
    # initial 5, demand 3/day, order 3 every day, lead time 2:
    # day0: sell 3 (left 2), order 3 (arrives day 2)
    # day1: sell 2 of 3 -> lost 1, stock 0; day2: +3, sell 3, stock 0 ...
    demand = np.full((1, 4), 3.0)
    k = simulation.replay(demand, const_order(3), lead_time=2, initial=np.array([5.0]))
    assert k["sold"] == 11.0
    assert k["fill_rate"] == pytest.approx(11 / 12)
    assert k["stockout_days"] == 1
    assert k["orders"] == 4
    assert k["average_stock"] == pytest.approx((2 + 0 + 0 + 0) / 4)


def test_fifo_expiry():
    # 10 units arrive at start, shelf life 2 days, demand 3/day, no orders:
    # day0 sell 3 (7 left, age 0 -> 1); day1 sell 3 (4 left), expire 4
    demand = np.full((1, 3), 3.0)
    k = simulation.replay(
        demand, const_order(0), lead_time=1, shelf_life=2, initial=np.array([10.0])
    )
    assert k["waste"] == 4.0
    assert k["sold"] == 6.0
    assert k["stockout_days"] == 1


def test_fifo_sells_oldest_first():
    # day0: stock 4 (initial), order 4 arrives day1; demand 2/day; shelf life 2
    # day0 sell 2 old (2 left, now age 1); day1 +4 new, sell 2 old; nothing expires
    demand = np.full((1, 2), 2.0)
    orders = [4.0, 0.0]
    k = simulation.replay(
        demand,
        lambda d, h, o: np.array([orders[d]]),
        lead_time=1,
        shelf_life=2,
        initial=np.array([4.0]),
    )
    assert k["waste"] == 0.0
    assert k["average_stock"] == pytest.approx((2 + 4) / 2)


def test_minmax_and_par():
    order = simulation.minmax_policy(np.array([5.0]), np.array([20.0]), pack=4)
    assert order(0, np.array([5.0]), np.array([0.0]))[0] == 16.0
    assert order(0, np.array([6.0]), np.array([0.0]))[0] == 0.0
    par = simulation.par_policy(np.array([10.0]))
    assert par(0, np.array([3.0]), np.array([2.0]))[0] == 5.0


def test_review_period_orders_only_on_review_days():
    demand = np.ones((1, 10))
    k = simulation.replay(
        demand, const_order(1), lead_time=1, review=5, initial=np.array([10.0])
    )
    assert k["orders"] == 2


def test_forecast_policy_uses_suggestion():
    fc = np.full((1, 5), 2.0)
    provider = lambda day: (fc, fc, fc)  # noqa: E731
    order = simulation.forecast_policy(
        provider, lead_time=1, review=1, service_level=0.5
    )
    assert order(0, np.array([1.0]), np.array([0.0]))[0] == 3.0


def test_classic_levels():
    s, big_s = simulation.classic_levels(
        np.array([10.0]), np.array([2.0]), 3, 1, 1.0, 7
    )
    assert s[0] == pytest.approx(40 + 4)
    assert big_s[0] == pytest.approx(44 + 70)
