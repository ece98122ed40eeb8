"""Adapters to code outside Odoo (the forecasting engine)."""
