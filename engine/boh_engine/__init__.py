"""BOH forecasting and replenishment engine."""
