"""ABC / XYZ classification of the items of a store (no Odoo import).

* ABC by value: items sorted by value (units x price) descending; the items
  making the first ``a_share`` of the total are A, up to ``b_share`` B, the
  rest C (an item with no value is C).
* XYZ by variability: coefficient of variation of weekly demand; below
  ``x_cv`` X, below ``y_cv`` Y, else Z (no demand at all: Z).
"""

import numpy as np


def abc_classes(values, a_share=0.8, b_share=0.95):
    values = np.asarray(values, dtype=np.float64)
    out = np.full(len(values), "c", dtype=object)
    total = values.sum()
    if total <= 0:
        return out
    order = np.argsort(-values, kind="stable")
    before = np.cumsum(values[order]) - values[order]
    share_before = before / total
    ranked = np.where(
        share_before < a_share, "a", np.where(share_before < b_share, "b", "c")
    )
    ranked = np.where(values[order] > 0, ranked, "c")
    out[order] = ranked
    return out


def weekly_cv(daily):
    """Coefficient of variation of weekly sums per row of a (n, days) array.

    Only complete weeks counted from the end are used; NaN days count as 0.
    """
    daily = np.nan_to_num(np.atleast_2d(np.asarray(daily, dtype=np.float64)))
    n, days = daily.shape
    weeks = days // 7
    if weeks < 2:
        return np.full(n, np.inf)
    weekly = daily[:, days - weeks * 7 :].reshape(n, weeks, 7).sum(axis=2)
    mean = weekly.mean(axis=1)
    std = weekly.std(axis=1)
    return np.where(mean > 0, std / np.maximum(mean, 1e-12), np.inf)


def xyz_classes(cv, x_cv=0.5, y_cv=1.0):
    cv = np.asarray(cv, dtype=np.float64)
    return np.where(cv < x_cv, "x", np.where(cv < y_cv, "y", "z")).astype(object)
