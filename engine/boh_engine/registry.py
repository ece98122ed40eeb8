"""Model registry: every forecasting model is a class registered by name.

A model is a subclass of :class:`Model` decorated with :func:`register`; the
engine looks models up in :data:`MODELS` by name, so adding a model is one
class in one file (see :mod:`boh_engine.builtin_models`)::

    @register("drift")
    class Drift(Model):
        \"\"\"Last value plus the mean change per period.\"\"\"

        def forecast(self, ctx: Context) -> np.ndarray:
            ...  # (n_series, h) array from ctx.y

A model works on all the series of a chunk at once (``ctx.y`` is
(n_series, n_periods), NaN before each series starts) and returns the
(n_series, h) mean forecast. ``auto = True`` makes it a default candidate of the
automatic choice. ``requires`` names models whose forecasts it combines: they
are computed first and passed in ``ctx.outputs``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

import numpy as np
import pandas as pd

from . import models as local


@dataclass
class Context:
    """What a model sees when it forecasts one chunk from one origin."""

    y: np.ndarray
    h: int
    season: int
    profile_season: int
    ma_window: int
    freq: str
    drivers: dict[str, np.ndarray]
    target_dates: pd.DatetimeIndex
    booster: object = None
    requested: tuple[str, ...] = ()
    outputs: dict[str, np.ndarray] = field(default_factory=dict)
    _cache: dict = field(default_factory=dict)

    def rows(self, idx: np.ndarray) -> Context:
        """The same context restricted to the series ``idx`` (no shared cache)."""
        return Context(
            self.y[idx],
            self.h,
            self.season,
            self.profile_season,
            self.ma_window,
            self.freq,
            {k: v[idx] for k, v in self.drivers.items()},
            self.target_dates,
            self.booster,
            self.requested,
            {k: v[idx] for k, v in self.outputs.items()},
        )

    def promo_adjusted(self) -> tuple[np.ndarray, np.ndarray | float]:
        """History divided by the promotion lift and the future multipliers."""
        if "promo" not in self._cache:
            promo = self.drivers.get("promo")
            if promo is None:
                self._cache["promo"] = (self.y, 1.0)
            else:
                t = self.y.shape[1]
                self._cache["promo"] = local.promo_adjust(
                    self.y, promo[:, : t + self.h], self.h
                )
        return self._cache["promo"]

    def ets_theta(self) -> tuple[np.ndarray, np.ndarray]:
        """ETS and Theta (promotion adjusted) from one shared smoothing pass."""
        if "ets_theta" not in self._cache:
            adj, mult = self.promo_adjusted()
            ets_f, theta_f = local.ets_and_theta(adj, self.h, self.profile_season)
            self._cache["ets_theta"] = (ets_f * mult, theta_f * mult)
        return self._cache["ets_theta"]


class Model:
    """Base class of the registered models."""

    name: ClassVar[str] = ""
    auto: ClassVar[bool] = False
    requires: ClassVar[tuple[str, ...]] = ()

    def needs(self, ctx: Context) -> tuple[str, ...]:
        """Models to run before this one (default: :attr:`requires`)."""
        return self.requires

    def forecast(self, ctx: Context) -> np.ndarray:  # pragma: no cover - abstract
        raise NotImplementedError


MODELS: dict[str, type[Model]] = {}


def register(name: str, *, auto: bool = False):
    """Class decorator: register a :class:`Model` subclass under ``name``."""

    def wrap(cls: type[Model]) -> type[Model]:
        if name in MODELS:
            raise ValueError(f"model {name!r} is already registered")
        cls.name = name
        cls.auto = auto
        MODELS[name] = cls
        return cls

    return wrap


def get(name: str) -> Model:
    """An instance of the model registered as ``name``."""
    _load_builtins()
    return MODELS[name]()


def names(auto_only: bool = False) -> tuple[str, ...]:
    """Registered model names in registration order."""
    _load_builtins()
    return tuple(n for n, c in MODELS.items() if c.auto or not auto_only)


def _load_builtins() -> None:
    from . import builtin_models  # noqa: F401 - registers on import
