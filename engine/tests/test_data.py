import numpy as np
import pandas as pd
import pytest
from conftest import long_table

from boh_engine.data import (
    build_panel,
    impute_censored,
    load_panel,
    outlier_caps,
    period_index,
    validate,
)
from boh_engine.errors import InputError


def write(tmp_path, text, name="h.csv"):
    path = tmp_path / name
    path.write_text(text)
    return path


def panel_of(text, tmp_path, freq="D", **kw):
    return load_panel(write(tmp_path, text), freq, **kw)


def test_empty_file(tmp_path):
    with pytest.raises(InputError, match="empty") as err:
        load_panel(write(tmp_path, ""), "D")
    assert err.value.file.endswith("h.csv")


def test_header_only(tmp_path):
    with pytest.raises(InputError, match="no data rows"):
        panel_of("store,item,date,qty\n", tmp_path)


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="not found"):
        load_panel(tmp_path / "nope.csv", "D")


def test_missing_column(tmp_path):
    with pytest.raises(InputError) as err:
        panel_of("store,item,date\nA,B,2024-01-01\n", tmp_path)
    assert err.value.column == "qty"


def test_non_numeric_quantity_row(tmp_path):
    text = "store,item,date,qty\nA,B,2024-01-01,3\nA,B,2024-01-02,abc\n"
    with pytest.raises(InputError) as err:
        panel_of(text, tmp_path)
    assert (err.value.row, err.value.column) == (3, "qty")
    assert "abc" in str(err.value)


def test_bad_date_row(tmp_path):
    text = "store,item,date,qty\nA,B,2024-01-01,3\nA,B,notadate,1\n"
    with pytest.raises(InputError) as err:
        panel_of(text, tmp_path)
    assert (err.value.row, err.value.column) == (3, "date")


def test_bad_promo(tmp_path):
    text = "store,item,date,qty,promo\nA,B,2024-01-01,3,yes\n"
    with pytest.raises(InputError) as err:
        panel_of(text, tmp_path)
    assert err.value.column == "promo"


def test_unknown_columns_ignored(tmp_path):
    p = panel_of("store,item,date,qty,colour\nA,B,2024-01-01,3,red\n", tmp_path)
    assert p.ignored_columns == ["colour"]


def test_out_of_order_duplicates_gaps_returns(tmp_path):
    text = (
        "store,item,date,qty\n"
        "A,B,2024-01-05,2\n"
        "A,B,2024-01-01,3\n"
        "A,B,2024-01-01,4\n"
        "A,B,2024-01-03,-1\n"
        "A,C,2024-01-04,1\n"
    )
    p = panel_of(text, tmp_path)
    b = list(p.item).index("B")
    c = list(p.item).index("C")
    np.testing.assert_array_equal(p.y[b], [7, 0, 0, 0, 2])
    assert np.isnan(p.y[c, :3]).all()
    np.testing.assert_array_equal(p.y[c, 3:], [1, 0])
    assert p.stats["duplicates"][b] == 1
    assert p.stats["returns"][b] == 1
    assert p.stats["returns"][c] == 0


def test_stockout_censored_estimated():
    y = np.tile(np.array([5.0, 5, 5, 5, 5, 5, 5]), (1, 5))
    y[0, -1] = 1.0
    censored = np.zeros_like(y, dtype=bool)
    censored[0, -1] = True
    out = impute_censored(y, censored, 7)
    assert out[0, -1] == pytest.approx(5.0)
    assert out[0, 0] == 5.0


def test_stockout_column_and_nan_quantity(tmp_path):
    rows = ["store,item,date,qty,stockout"]
    for d in range(1, 29):
        rows.append(f"A,B,2024-02-{d:02d},{10 if d < 28 else 2},{int(d == 28)}")
    rows.append("A,B,2024-02-29,,0")
    p = panel_of("\n".join(rows) + "\n", tmp_path)
    assert p.stats["censored"][0] == 2
    assert p.y[0, -2] == pytest.approx(10.0)
    assert p.y[0, -1] == pytest.approx(10.0)


def test_outliers_capped_and_counted():
    rng = np.random.default_rng(1)
    y = rng.poisson(5, (1, 100)).astype(float)
    y[0, 50] = 500.0
    promo = np.zeros_like(y)
    cap = outlier_caps(y, promo)[0, 0]
    assert 10 < cap < 500
    promo[0, 50] = 1
    assert outlier_caps(y, promo)[0, 0] == pytest.approx(cap)
    assert np.isinf(outlier_caps(y[:, :5], promo[:, :5])).all()
    weekly = np.tile([5.0, 5, 5, 5, 5, 50, 5], (1, 15))
    assert not (weekly > outlier_caps(weekly, np.zeros_like(weekly), 7)).any()
    table = {
        "store": np.zeros(100, int),
        "item": np.zeros(100, int),
        "date": np.arange(100).astype("datetime64[D]"),
        "qty": y[0],
        "ignored": [],
    }
    p = build_panel(table, "D")
    assert p.stats["outliers"][0] == 1
    assert p.y[0, 50] < 100


def test_weekly_binning():
    dates = np.array(["2024-01-03", "2024-01-10", "2024-01-08"], dtype="datetime64[D]")
    idx, grid = period_index(dates, "W")
    assert list(idx) == [0, 1, 1]
    assert grid[-1] == pd.Timestamp("2024-01-10")


def test_unknown_freq():
    with pytest.raises(InputError):
        period_index(np.array(["2024-01-01"], dtype="datetime64[D]"), "M")


def test_future_drivers(tmp_path):
    hist = write(
        tmp_path, "store,item,date,qty,promo\nA,B,2024-01-01,3,0\nA,B,2024-01-02,3,1\n"
    )
    fut = write(tmp_path, "store,item,date,promo\nA,B,2024-01-04,1\n", "f.csv")
    p = load_panel(hist, "D", horizon=3, future_path=fut)
    np.testing.assert_array_equal(p.drivers["promo"][0], [0, 1, 0, 1, 0])


def test_validate_infinite():
    df = pd.DataFrame(
        {"store": ["a"], "item": ["b"], "date": ["2024-01-01"], "qty": [np.inf]}
    )
    with pytest.raises(InputError, match="infinite"):
        validate(df)


def test_weekly_panel_shape(weekly_csv):
    p = load_panel(weekly_csv, "W")
    assert p.y.shape == (6, 80)
    assert (p.dates[1:] - p.dates[:-1]).days.unique().tolist() == [7]


def test_long_table_roundtrip(tmp_path):
    df = long_table(1, 1, 30)
    path = tmp_path / "x.csv"
    df.to_csv(path, index=False)
    p = load_panel(path, "D")
    np.testing.assert_array_equal(p.y[0], df["qty"].to_numpy())
