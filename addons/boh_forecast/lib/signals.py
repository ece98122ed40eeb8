"""Exception signals of a store's series (no Odoo import).

Inputs are per series: the last ``days`` of daily demand (oldest first, the
last column is yesterday), the forecast of the coming days and the stock on
hand.  Each function returns, per series, ``None`` or a dict with the figures
that explain the signal.
"""

import numpy as np


def spikes_and_drops(history, ratio_up=2.0, ratio_down=0.4, min_level=3.0):
    """Last 7 days against the weekly mean of the 4 weeks before them.

    Returns ``(kind, recent, usual)`` arrays: kind is ``spike``, ``drop`` or ``""``.
    """
    hist = np.nan_to_num(np.atleast_2d(np.asarray(history, dtype=np.float64)))
    if hist.shape[1] < 35:
        empty = np.zeros(len(hist))
        return np.full(len(hist), "", dtype=object), empty, empty
    recent = hist[:, -7:].sum(axis=1)
    usual = hist[:, -35:-7].sum(axis=1) / 4.0
    big = np.maximum(recent, usual) >= min_level
    kind = np.where(
        big & (recent > ratio_up * usual),
        "spike",
        np.where(big & (recent < ratio_down * usual), "drop", ""),
    ).astype(object)
    return kind, recent, usual


def forecast_deviation(history, forecast, ratio=1.6, min_level=3.0):
    """Next 7 days of forecast against the weekly mean of the last 4 weeks.

    Returns ``(flag, next_week, usual)``.
    """
    hist = np.nan_to_num(np.atleast_2d(np.asarray(history, dtype=np.float64)))
    fc = np.atleast_2d(np.asarray(forecast, dtype=np.float64))
    usual = hist[:, -28:].sum(axis=1) / max(min(hist.shape[1], 28) / 7.0, 1e-9)
    nxt = fc[:, :7].sum(axis=1) * 7.0 / max(min(fc.shape[1], 7), 1)
    big = np.maximum(nxt, usual) >= min_level
    flag = big & ((nxt > ratio * usual) | (nxt * ratio < usual))
    return flag, nxt, usual


def stockout_risk(forecast, on_hand, days):
    """Stock on hand below the forecast demand of the next ``days`` days.

    Returns ``(flag, demand)``.
    """
    fc = np.atleast_2d(np.asarray(forecast, dtype=np.float64))
    days = max(int(days), 1)
    demand = fc[:, :days].sum(axis=1)
    on_hand = np.asarray(on_hand, dtype=np.float64)
    flag = (demand > 0) & (on_hand < demand)
    return flag, demand
