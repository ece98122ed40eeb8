from datetime import timedelta

from odoo import api, fields, models


class BohForecastRunError(models.Model):
    """A series (store x product) the engine could not forecast in a run."""

    _name = "boh.forecast.run.error"
    _description = "BOH Forecast Run Error"
    _order = "id desc"

    run_id = fields.Many2one(
        "boh.forecast.run", required=True, ondelete="cascade", index=True
    )
    store_id = fields.Many2one("boh.store", required=True, index=True)
    product_id = fields.Many2one("product.product", index=True)
    message = fields.Text(required=True)

    @api.model
    def _cron_prune(self):
        """Drop runs (and their errors) older than the retention period."""
        days = int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("boh_forecast.run_retention_days", 90)
        )
        limit = fields.Datetime.now() - timedelta(days=days)
        old = self.env["boh.forecast.run"].search(
            [("create_date", "<", limit), ("state", "in", ("done", "failed"))]
        )
        current = self.env["boh.forecast"].search(
            [("is_current", "=", True), ("run_id", "in", old.ids)]
        )
        old -= current.run_id
        old.unlink()
