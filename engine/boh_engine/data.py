"""Input reading, validation, cleaning and the dense panel the models work on.

Input is a long table with one row per store, item and period::

    store, item, date, qty [, promo, price, holiday, temperature, stockout]

Rules (each one is tested):

* missing required column, empty file, unparsable date, non-numeric quantity or
  driver: :class:`~boh_engine.errors.InputError` with file, row and column;
* unknown columns are ignored and listed in ``Panel.ignored_columns``;
* rows out of date order are sorted; rows repeating a store/item/date are summed
  (several sales lines of one day) and counted as ``duplicates``;
* periods with no row inside a series are zero sales; before the first row of a
  series there is no history (NaN);
* negative quantities are returns: the period counts as zero demand, and the
  number of such rows is reported as ``returns``;
* a period flagged ``stockout`` or with an empty quantity is censored: demand is
  estimated from the same season position of the previous four seasons (never
  below what was sold) and counted as ``censored``;
* non-promoted periods far above the series' usual level are capped and counted
  as ``outliers``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import InputError

REQUIRED = ("store", "item", "date", "qty")
DRIVERS = ("promo", "price", "holiday", "temperature")
OPTIONAL = DRIVERS + ("stockout",)
SEASON = {"D": 7, "W": 52}
STEP_DAYS = {"D": 1, "W": 7}
BLOCK = 5_000


@dataclass
class Panel:
    """Dense (series x period) view of a history, plus drivers into the future.

    ``y`` is float32 (n, T) cleaned demand, NaN before each series starts.
    ``drivers[name]`` is float32 (n, T + horizon): known or assumed driver values
    for the history and the forecast periods.
    """

    store: np.ndarray
    item: np.ndarray
    dates: pd.DatetimeIndex
    freq: str
    y: np.ndarray
    drivers: dict[str, np.ndarray]
    stats: dict[str, np.ndarray]
    horizon: int = 0
    ignored_columns: list[str] = field(default_factory=list)
    raw: np.ndarray | None = None

    @property
    def n_series(self) -> int:
        return self.y.shape[0]

    @property
    def season(self) -> int:
        return SEASON[self.freq]

    def future_dates(self, horizon: int) -> pd.DatetimeIndex:
        """The ``horizon`` period dates after the last history date."""
        step = pd.Timedelta(days=STEP_DAYS[self.freq])
        return pd.DatetimeIndex(
            [self.dates[-1] + step * (k + 1) for k in range(horizon)]
        )

    def truncate(self, end: int, horizon: int) -> Panel:
        """History up to period ``end`` (excluded) with drivers ``horizon`` beyond."""
        drv = {k: v[:, : end + horizon] for k, v in self.drivers.items()}
        return Panel(
            self.store,
            self.item,
            self.dates[:end],
            self.freq,
            self.y[:, :end],
            drv,
            self.stats,
            horizon,
            self.ignored_columns,
            None if self.raw is None else self.raw[:, :end],
        )

    def rows(self, idx: np.ndarray) -> Panel:
        """Sub-panel of the series ``idx``."""
        drv = {k: v[idx] for k, v in self.drivers.items()}
        stats = {k: v[idx] for k, v in self.stats.items()}
        return Panel(
            self.store[idx],
            self.item[idx],
            self.dates,
            self.freq,
            self.y[idx],
            drv,
            stats,
            self.horizon,
            self.ignored_columns,
            None if self.raw is None else self.raw[idx],
        )


def read_table(path: str | Path) -> pd.DataFrame:
    """Read a CSV (optionally gzipped) into a DataFrame, with clear errors."""
    path = Path(path)
    if not path.is_file():
        raise InputError("file not found", file=str(path))
    try:
        df = pd.read_csv(path, dtype={"store": str, "item": str}, low_memory=False)
    except pd.errors.EmptyDataError as exc:
        raise InputError("file is empty", file=str(path)) from exc
    except (pd.errors.ParserError, UnicodeDecodeError, OSError) as exc:
        raise InputError(f"cannot parse CSV ({exc})", file=str(path)) from exc
    df.columns = [str(c).strip().lower() for c in df.columns]
    return df


def _first_bad(mask: np.ndarray) -> int:
    """1-based file line of the first True in ``mask`` (header is line 1)."""
    return int(np.flatnonzero(mask)[0]) + 2


def _numeric(df: pd.DataFrame, col: str, source: str | None) -> np.ndarray:
    """Column as float64 (float32 kept as is to save memory); a non-empty
    non-numeric cell is an InputError."""
    s = df[col]
    if s.dtype == np.float32:
        return s.to_numpy()
    if pd.api.types.is_numeric_dtype(s) or pd.api.types.is_bool_dtype(s):
        return s.to_numpy(dtype=np.float64, na_value=np.nan)
    num = pd.to_numeric(s, errors="coerce")
    bad = num.isna().to_numpy() & s.notna().to_numpy()
    if bad.any():
        row = _first_bad(bad)
        raise InputError(
            f"non-numeric value {s.iloc[row - 2]!r}", file=source, row=row, column=col
        )
    return num.to_numpy(dtype=np.float64)


def _dates(df: pd.DataFrame, source: str | None) -> np.ndarray:
    s = df["date"]
    if pd.api.types.is_datetime64_any_dtype(s):
        out = s
    else:
        out = pd.to_datetime(s, errors="coerce", format="mixed")
    bad = out.isna().to_numpy()
    if bad.any():
        row = _first_bad(bad)
        raise InputError(
            f"unparsable date {s.iloc[row - 2]!r}", file=source, row=row, column="date"
        )
    return out.to_numpy(dtype="datetime64[D]")


def validate(df: pd.DataFrame, source: str | None = None) -> dict:
    """Check a long table and return its columns as arrays.

    Returns a dict with ``store``, ``item`` (original values), ``date``
    (datetime64[D]), ``qty`` and present optional columns (float64), and
    ``ignored`` (unknown column names).
    """
    if len(df.columns) == 0 or len(df) == 0:
        raise InputError("no data rows", file=source)
    for col in REQUIRED:
        if col not in df.columns:
            raise InputError("required column is missing", file=source, column=col)
    out: dict = {}
    for col in ("store", "item"):
        miss = df[col].isna().to_numpy()
        if miss.any():
            raise InputError("empty key", file=source, row=_first_bad(miss), column=col)
        out[col] = df[col].to_numpy()
    out["date"] = _dates(df, source)
    out["qty"] = _numeric(df, "qty", source)
    for col in OPTIONAL:
        if col in df.columns:
            vals = _numeric(df, col, source)
            if col != "price" and col != "temperature" and np.isinf(vals).any():
                raise InputError("infinite value", file=source, column=col)
            out[col] = vals
    if np.isinf(out["qty"]).any():
        bad = np.isinf(out["qty"])
        raise InputError(
            "infinite quantity", file=source, row=_first_bad(bad), column="qty"
        )
    out["ignored"] = [c for c in df.columns if c not in REQUIRED + OPTIONAL]
    return out


def period_index(dates: np.ndarray, freq: str) -> tuple[np.ndarray, pd.DatetimeIndex]:
    """Map dates to a regular period grid ending on the last date.

    Weekly dates are binned into the week ending on the weekday of the last date.
    Returns the period index of each date and the grid.
    """
    if freq not in STEP_DAYS:
        raise InputError(f"unknown frequency {freq!r}, use D or W", column="freq")
    step = STEP_DAYS[freq]
    last = dates.max()
    back = (last - dates).astype(np.int32)
    if step > 1:
        back //= step
    n_periods = int(back.max()) + 1
    grid = pd.DatetimeIndex(
        last - np.arange(n_periods - 1, -1, -1) * np.timedelta64(step, "D")
    )
    np.subtract(n_periods - 1, back, out=back)
    return back, grid


def _layout(flat: np.ndarray) -> tuple[np.ndarray | None, np.ndarray | None]:
    """Sort order of ``flat`` (None if already strictly increasing) and the
    first-occurrence mask of each position after sorting (None if no repeats)."""
    if np.all(flat[1:] > flat[:-1]):
        return None, None
    order = np.argsort(flat, kind="stable")
    fs = flat[order]
    first = np.empty(len(fs), dtype=bool)
    first[0] = True
    np.not_equal(fs[1:], fs[:-1], out=first[1:])
    return order, None if first.all() else first


def _scatter(
    layout: tuple, flat: np.ndarray, values: np.ndarray, size: int, fill: float
) -> np.ndarray:
    """Dense float32 array of ``size`` with ``values`` summed at ``flat``."""
    out = np.full(size, fill, dtype=np.float32)
    order, first = layout
    fs = flat if order is None else flat[order]
    vs = values if order is None else values[order]
    if first is None:
        out[fs] = vs
    else:
        out[fs[first]] = np.add.reduceat(vs, np.flatnonzero(first))
    return out


def impute_censored(y: np.ndarray, censored: np.ndarray, season: int) -> np.ndarray:
    """Replace censored periods by an estimate of demand.

    The estimate is the mean of the uncensored values at the same season position
    in the previous four seasons (or the series' uncensored mean), and never less
    than what was observed. ``y`` may hold NaN at censored periods (unknown sales).
    """
    clean = np.where(censored, np.nan, y).astype(np.float64)
    n, t = y.shape
    acc = np.zeros((n, t))
    cnt = np.zeros((n, t))
    for k in range(1, 5):
        lag = season * k
        if lag >= t:
            break
        shifted = clean[:, :-lag]
        ok = ~np.isnan(shifted)
        acc[:, lag:] += np.where(ok, shifted, 0.0)
        cnt[:, lag:] += ok
    with np.errstate(invalid="ignore", divide="ignore"):
        est = acc / cnt
        mean = np.nanmean(
            np.where(np.isnan(clean), np.nan, clean), axis=1, keepdims=True
        )
    est = np.where(cnt > 0, est, mean)
    est = np.where(np.isnan(est), 0.0, est)
    observed = np.nan_to_num(y, nan=0.0)
    return np.where(censored, np.maximum(observed, est), y).astype(np.float32)


def outlier_caps(
    y: np.ndarray, promo: np.ndarray, season: int = 1, k: float = 10.0
) -> np.ndarray:
    """Cap (n, t) above which a non-promoted period is an outlier.

    Per series and season position (day of week for daily data, so a regular
    busy day is not an outlier): cap = max(median + k * 1.4826 * MAD,
    5 * median, median + 10) over positive non-promoted values; infinite when
    fewer than 10 such values.
    """
    n, t = y.shape
    pos = np.where((y > 0) & (promo <= 0), y, np.nan).astype(np.float64)
    caps = np.full((n, t), np.inf)
    for p in range(season):
        cols = np.arange(t - 1 - p, -1, -season)
        sub = pos[:, cols]
        count = np.sum(~np.isnan(sub), axis=1)
        sub[count < 10] = 1.0
        med = np.nanmedian(sub, axis=1)
        mad = np.nanmedian(np.abs(sub - med[:, None]), axis=1)
        cap = np.maximum(np.maximum(med + k * 1.4826 * mad, 5.0 * med), med + 10.0)
        caps[:, cols] = np.where(count >= 10, cap, np.inf)[:, None]
    return caps


def clean_block(
    qty: np.ndarray, censored: np.ndarray, promo: np.ndarray, season: int
) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Clean one block of series: returns, censoring, outliers.

    ``qty`` is (n, T) with NaN before each series starts. Returns the demand
    array and per-series counts ``returns``, ``censored``, ``outliers``.
    """
    started = np.cumsum(~np.isnan(qty) | censored, axis=1) > 0
    neg = np.nan_to_num(qty, nan=0.0) < 0
    y = np.where(neg, 0.0, qty)
    y = np.where(started & ~censored, np.nan_to_num(y, nan=0.0), y)
    cens = censored & started
    if cens.any():
        y = impute_censored(y, cens, season)
    cap = outlier_caps(y, promo, season if season <= 7 else 1)
    out = (y > cap) & (promo <= 0)
    y = np.where(out, cap, y)
    y = np.where(started, y, np.nan).astype(np.float32)
    stats = {
        "returns": neg.sum(axis=1).astype(np.int32),
        "censored": cens.sum(axis=1).astype(np.int32),
        "outliers": out.sum(axis=1).astype(np.int32),
    }
    return y, stats


def _series_codes(store: np.ndarray, item: np.ndarray):
    """Series id per row (int32 when possible) and (store, item) per series.

    Series are numbered in sorted (store, item) order. Rows grouped by series
    (the usual export layout) take a memory-light path: one id per run.
    """
    change = np.empty(len(store), dtype=bool)
    change[0] = True
    np.not_equal(store[1:], store[:-1], out=change[1:])
    change[1:] |= item[1:] != item[:-1]
    starts = np.flatnonzero(change)
    frame = pd.DataFrame({"s": store[starts], "i": item[starts]})
    if not frame.duplicated().any():
        order = np.lexsort((frame["i"].to_numpy(), frame["s"].to_numpy()))
        rank = np.empty(len(order), dtype=np.int32)
        rank[order] = np.arange(len(order), dtype=np.int32)
        run = np.cumsum(change, dtype=np.int32)
        run -= 1
        sid = rank[run]
        del run, change
        return sid, frame["s"].to_numpy()[order], frame["i"].to_numpy()[order]
    del change, frame
    s_codes, s_uni = pd.factorize(store, sort=True)
    i_codes, i_uni = pd.factorize(item, sort=True)
    key = s_codes.astype(np.int64) * len(i_uni) + i_codes
    del s_codes, i_codes
    sid, key_uni = pd.factorize(key, sort=True)
    return (
        sid.astype(np.int32),
        np.asarray(s_uni)[key_uni // len(i_uni)],
        np.asarray(i_uni)[key_uni % len(i_uni)],
    )


def _future_driver_rows(future: dict | None, store, item, dates, freq, n, t, horizon):
    """Flat positions and values of future driver rows inside the forecast window."""
    if future is None:
        return None
    lookup = pd.MultiIndex.from_arrays([store, item])
    pos = lookup.get_indexer(
        pd.MultiIndex.from_arrays([future["store"], future["item"]])
    )
    step = STEP_DAYS[freq]
    ahead = (future["date"] - dates[-1].to_datetime64().astype("datetime64[D]")).astype(
        np.int64
    )
    per = t - 1 + -(-ahead // step)
    keep = (pos >= 0) & (per >= t) & (per < t + horizon)
    return keep, pos, per


def build_panel(
    table: dict,
    freq: str,
    horizon: int = 0,
    future: dict | None = None,
    keep_raw: bool = False,
) -> Panel:
    """Dense cleaned panel from validated columns (see :func:`validate`).

    The big arrays of ``table`` are released as soon as they are used (the dict
    is emptied), to keep the peak memory low on large inputs.

    With ``keep_raw`` the panel also keeps ``raw``: sales as recorded (returns
    as 0, no imputation or capping), e.g. to replay real demand in a simulation.
    """
    ignored = table.get("ignored", [])
    sid, store, item = _series_codes(table.pop("store"), table.pop("item"))
    per, dates = period_index(table.pop("date"), freq)
    n, t = len(store), len(dates)
    big = n * t >= np.iinfo(np.int32).max
    flat = sid.astype(np.int64) * t if big else sid * np.int32(t)
    flat += per
    del per
    width = t + horizon
    counts = np.bincount(sid, minlength=n)
    given = table.pop("qty")
    cens_rows = np.isnan(given)
    qty = np.nan_to_num(given, nan=0.0)
    del given
    neg_rows = np.bincount(sid[qty < 0], minlength=n)
    del sid
    layout = _layout(flat)
    dense = _scatter(layout, flat, qty, n * t, np.nan).reshape(n, t)
    del qty
    if "stockout" in table:
        cens_rows |= np.nan_to_num(table.pop("stockout")) > 0
    censored = np.zeros((n, t), dtype=bool)
    if cens_rows.any():
        censored.reshape(-1)[flat[cens_rows]] = True
    del cens_rows
    drivers = {}
    fut = _future_driver_rows(future, store, item, dates, freq, n, t, horizon)
    for name in DRIVERS:
        if name not in table and (future is None or name not in future):
            continue
        arr = np.full((n, width), np.nan, dtype=np.float32)
        if name in table:
            vals = table.pop(name)
            arr[:, :t] = _scatter(layout, flat, vals, n * t, np.nan).reshape(n, t)
        if fut is not None and name in future:
            keep, pos, fper = fut
            arr[pos[keep], fper[keep]] = future[name][keep]
        drivers[name] = _fill_driver(arr, name)
    del flat, layout
    promo = drivers.get("promo", np.zeros((n, width), dtype=np.float32))
    y = np.empty((n, t), dtype=np.float32)
    stats = {"returns": neg_rows.astype(np.int32)}
    for name in ("censored", "outliers"):
        stats[name] = np.zeros(n, dtype=np.int32)
    for lo in range(0, n, BLOCK):
        hi = min(lo + BLOCK, n)
        blk, st = clean_block(
            dense[lo:hi], censored[lo:hi], promo[lo:hi, :t], SEASON[freq]
        )
        y[lo:hi] = blk
        stats["censored"][lo:hi] = st["censored"]
        stats["outliers"][lo:hi] = st["outliers"]
    stats["duplicates"] = (counts - np.sum(~np.isnan(dense) | censored, axis=1)).astype(
        np.int32
    )
    raw = None
    if keep_raw:
        sales = np.maximum(np.nan_to_num(dense, nan=0.0), 0.0)
        raw = np.where(np.isnan(y), np.nan, sales)
    return Panel(
        store,
        item,
        dates,
        freq,
        y,
        drivers,
        stats,
        horizon,
        ignored,
        raw.astype(np.float32) if raw is not None else None,
    )


def _fill_driver(arr: np.ndarray, name: str) -> np.ndarray:
    """Missing driver values: price and temperature carried forward, others 0."""
    if name in ("price", "temperature"):
        frame = pd.DataFrame(arr.T)
        arr = frame.ffill().bfill().to_numpy(dtype=np.float32).T.copy()
    return np.nan_to_num(arr, nan=0.0).astype(np.float32)


def load_panel(
    path: str | Path,
    freq: str,
    horizon: int = 0,
    future_path: str | Path | None = None,
    keep_raw: bool = False,
) -> Panel:
    """Read, validate and build the panel of a history file (and future drivers)."""
    table = validate(read_table(path), str(path))
    future = None
    if future_path is not None:
        fdf = read_table(future_path)
        future = {"store": fdf["store"].to_numpy(), "item": fdf["item"].to_numpy()}
        if "date" not in fdf.columns:
            raise InputError(
                "required column is missing", file=str(future_path), column="date"
            )
        future["date"] = _dates(fdf, str(future_path))
        for name in DRIVERS:
            if name in fdf.columns:
                future[name] = _numeric(fdf, name, str(future_path))
    return build_panel(table, freq, horizon, future, keep_raw)
