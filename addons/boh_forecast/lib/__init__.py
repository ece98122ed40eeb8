"""Plain Python helpers of boh_forecast (no Odoo import)."""
