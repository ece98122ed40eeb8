from odoo import _, fields, models


class BohSupplyScorecardLine(models.TransientModel):
    _name = "boh.supply.scorecard.line"
    _description = "Supplier Scorecard Line"
    _order = "is_trend, rank, partner_id, period_start"

    wizard_id = fields.Many2one(
        "boh.supply.scorecard.wizard", required=True, ondelete="cascade"
    )
    partner_id = fields.Many2one("res.partner", string="Supplier", readonly=True)
    rank = fields.Integer(readonly=True)
    is_trend = fields.Boolean(readonly=True)
    period_start = fields.Date(readonly=True)
    period_end = fields.Date(readonly=True)
    lines = fields.Integer(string="Receipt Lines", readonly=True)
    on_time = fields.Float(string="On Time %", readonly=True, digits=(16, 1))
    in_full = fields.Float(string="In Full %", readonly=True, digits=(16, 1))
    otif = fields.Float(string="OTIF %", readonly=True, digits=(16, 1))
    fill_rate = fields.Float(string="Fill Rate %", readonly=True, digits=(16, 1))
    claims_per_100 = fields.Float(
        string="Claims / 100 Lines", readonly=True, digits=(16, 2)
    )
    price_variance = fields.Float(
        string="Price Variance %", readonly=True, digits=(16, 2)
    )
    lead_time_adherence = fields.Float(
        string="Lead Time Adherence %", readonly=True, digits=(16, 1)
    )
    on_time_known = fields.Boolean()
    in_full_known = fields.Boolean()
    otif_known = fields.Boolean()
    fill_rate_known = fields.Boolean()
    claims_per_100_known = fields.Boolean()
    price_variance_known = fields.Boolean()
    lead_time_adherence_known = fields.Boolean()

    def action_drill(self):
        """The receipts behind the row, or behind one figure (``figure`` in context)."""
        self.ensure_one()
        return self.env["boh.supply.scorecard"].action_drill(
            self.partner_id.id,
            self.period_start,
            self.period_end,
            self.env.context.get("figure"),
        )

    def action_trend(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "boh_supply.boh_supply_scorecard_line_action"
        )
        action["domain"] = [
            ("wizard_id", "=", self.wizard_id.id),
            ("partner_id", "=", self.partner_id.id),
            ("is_trend", "=", True),
        ]
        action["name"] = _(
            "Trend of %(supplier)s", supplier=self.partner_id.display_name
        )
        return action
