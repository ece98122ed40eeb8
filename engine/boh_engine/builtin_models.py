"""The built-in models, one registered class each (see :mod:`.registry`).

The automatic choice tries, by default, the models registered with
``auto=True``: the vectorised local models of :mod:`boh_engine.models`, the
global LightGBM model and their combination. ``autoets`` / ``autotheta``
(statsforecast, one series at a time) run only when asked for by name.
"""

from __future__ import annotations

import numpy as np

from . import global_model, sf_models
from . import models as local
from .registry import Context, Model, register


@register("snaive", auto=True)
class SeasonalNaive(Model):
    """The last season repeated (no promotion adjustment)."""

    def forecast(self, ctx: Context) -> np.ndarray:
        return local.seasonal_naive(ctx.y, ctx.h, ctx.season)


@register("ma", auto=True)
class MovingAverage(Model):
    """Mean of the last ``ma_window`` periods times the weekday profile.

    Also the fallback of a series whose chosen model fails
    (:data:`boh_engine.choice.FALLBACK`).
    """

    def forecast(self, ctx: Context) -> np.ndarray:
        adj, mult = ctx.promo_adjusted()
        f = local.moving_average(adj, ctx.h, ctx.profile_season, ctx.ma_window)
        return f * mult


@register("ets", auto=True)
class ETS(Model):
    """SES on the deseasonalised series, smoothing chosen per series."""

    def forecast(self, ctx: Context) -> np.ndarray:
        return ctx.ets_theta()[0]


@register("theta", auto=True)
class Theta(Model):
    """Theta method (SES plus half the linear drift)."""

    def forecast(self, ctx: Context) -> np.ndarray:
        return ctx.ets_theta()[1]


@register("croston", auto=True)
class Croston(Model):
    """Croston's method for intermittent demand."""

    def forecast(self, ctx: Context) -> np.ndarray:
        return local.croston(ctx.y, ctx.h)


@register("sba", auto=True)
class SBA(Model):
    """Syntetos-Boylan approximation (Croston debiased)."""

    def forecast(self, ctx: Context) -> np.ndarray:
        return local.sba(ctx.y, ctx.h)


@register("tsb", auto=True)
class TSB(Model):
    """Teunter-Syntetos-Babai (demand probability times size)."""

    def forecast(self, ctx: Context) -> np.ndarray:
        return local.tsb(ctx.y, ctx.h)


@register("lgbm", auto=True)
class LightGBM(Model):
    """Global LightGBM model over all series (ETS when it was not trained)."""

    def forecast(self, ctx: Context) -> np.ndarray:
        if ctx.booster is None:
            return ctx.ets_theta()[0]
        return global_model.predict(
            ctx.booster, ctx.y, ctx.drivers, ctx.target_dates, ctx.freq
        )


@register("combo", auto=True)
class Combo(Model):
    """Mean of ETS, Theta and LightGBM (moving average without LightGBM)."""

    def needs(self, ctx: Context) -> tuple[str, ...]:
        gbm = ctx.booster is not None or "lgbm" in ctx.requested
        return ("ets", "theta", "lgbm" if gbm else "ma")

    def forecast(self, ctx: Context) -> np.ndarray:
        return np.mean([ctx.outputs[p] for p in self.needs(ctx)], axis=0)


class _StatsForecast(Model):
    """statsforecast model fitted one series at a time."""

    def forecast(self, ctx: Context) -> np.ndarray:
        return sf_models.forecast(ctx.y, ctx.h, ctx.profile_season, self.name)


@register("autoets")
class AutoETS(_StatsForecast):
    """statsforecast's AutoETS (full model selection per series)."""


@register("autotheta")
class AutoTheta(_StatsForecast):
    """statsforecast's AutoTheta."""
