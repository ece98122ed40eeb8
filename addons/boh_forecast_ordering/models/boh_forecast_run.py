from odoo import _, api, models
from odoo.tools import str2bool

from odoo.addons.queue_job.job import identity_exact


class BohForecastRun(models.Model):
    _inherit = "boh.forecast.run"

    def _on_run_done(self):
        """Queue the update of the central warehouses' reordering rules."""
        res = super()._on_run_done()
        if self._is_orderpoint_update_on():
            self.with_delay(
                identity_key=identity_exact,
                channel="root.boh_forecast",
                description=_(
                    "Reordering rules of the central warehouses (%(run)s)",
                    run=self.name,
                ),
            )._job_update_orderpoints()
        return res

    @api.model
    def _is_orderpoint_update_on(self):
        """On unless the parameter says otherwise: the central warehouses are
        replenished from the forecasts by default."""
        return str2bool(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("boh_forecast.write_orderpoints", "True"),
            default=True,
        )

    def action_update_orderpoints(self):
        """Write min/max of the central warehouses' reordering rules now."""
        self.ensure_one()
        # the rules are written with the caller's rights; who may not change
        # the run may not start this either
        self.check_access("write")
        count = self._job_update_orderpoints()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": _("%(count)s reordering rules updated.", count=count),
            },
        }

    def _job_update_orderpoints(self):
        """queue_job entry point: min/max of the central warehouses' rules."""
        self.ensure_one()
        warehouses = self.env["boh.store"].search(
            [("store_type", "=", "warehouse"), ("company_id", "=", self.company_id.id)]
        )
        return self.env["stock.warehouse.orderpoint"]._boh_update_from_forecasts(
            warehouses, today=self.date_origin
        )
