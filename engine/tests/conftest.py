"""Synthetic data shared by the tests (the tests never read real data files)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


def long_table(
    n_stores: int = 2,
    n_items: int = 3,
    days: int = 200,
    seed: int = 0,
    freq: str = "D",
    promo: bool = True,
) -> pd.DataFrame:
    """Poisson demand with a weekly profile and a promotion lift of 2x."""
    rng = np.random.default_rng(seed)
    step = "D" if freq == "D" else "7D"
    dates = pd.date_range("2023-01-04", periods=days, freq=step)
    rows = []
    weekly = np.array([0.8, 0.9, 1.0, 1.0, 1.2, 1.5, 0.6])
    for s in range(n_stores):
        for i in range(n_items):
            base = rng.uniform(2, 20)
            flags = (rng.random(days) < 0.2).astype(int) if promo else np.zeros(days)
            prof = weekly[dates.dayofweek] if freq == "D" else 1.0
            lam = base * prof * np.where(flags > 0, 2.0, 1.0)
            qty = rng.poisson(lam)
            frame = pd.DataFrame(
                {
                    "store": f"S{s}",
                    "item": f"I{i}",
                    "date": dates.strftime("%Y-%m-%d"),
                    "qty": qty,
                }
            )
            if promo:
                frame["promo"] = flags
            rows.append(frame)
    return pd.concat(rows, ignore_index=True)


@pytest.fixture
def daily_csv(tmp_path):
    path = tmp_path / "hist.csv"
    long_table().to_csv(path, index=False)
    return path


@pytest.fixture
def weekly_csv(tmp_path):
    path = tmp_path / "weekly.csv.gz"
    long_table(days=80, freq="W").to_csv(path, index=False)
    return path
