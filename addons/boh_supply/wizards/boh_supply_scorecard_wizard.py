from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..lib import scorecard as sc

FIGURE_FIELDS = [f for f in sc.FIGURES if f != "lines"]


class BohSupplyScorecardWizard(models.TransientModel):
    _name = "boh.supply.scorecard.wizard"
    _description = "Supplier Scorecards"

    date_from = fields.Date(
        required=True,
        default=lambda self: fields.Date.context_today(self) - relativedelta(months=3),
    )
    date_to = fields.Date(required=True, default=fields.Date.context_today)
    granularity = fields.Selection(
        [("week", "Week"), ("month", "Month")], default="month", required=True
    )
    rank_by = fields.Selection(
        [
            ("otif", "OTIF"),
            ("on_time", "On Time"),
            ("in_full", "In Full"),
            ("fill_rate", "Fill Rate"),
            ("claims_per_100", "Claims per 100 Lines"),
            ("price_variance", "Price Variance"),
            ("lead_time_adherence", "Lead Time Adherence"),
        ],
        default="otif",
        required=True,
    )
    partner_ids = fields.Many2many(
        "res.partner", string="Suppliers", help="Leave empty for every supplier."
    )
    line_ids = fields.One2many("boh.supply.scorecard.line", "wizard_id")

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for wizard in self:
            if wizard.date_from > wizard.date_to:
                raise UserError(_("Scorecards: the start date is after the end date."))

    def action_compute(self):
        self.ensure_one()
        Scorecard = self.env["boh.supply.scorecard"]
        partner_ids = self.partner_ids.commercial_partner_id.ids or None
        totals, trend = Scorecard.get_scorecards_and_trend(
            self.date_from, self.date_to, self.granularity, partner_ids
        )
        ranking = sc.rank(totals, self.rank_by)
        self.line_ids.unlink()
        vals_list = []
        for position, partner_id in enumerate(ranking, start=1):
            vals_list.append(
                self._prepare_line_values(
                    partner_id,
                    (self.date_from, self.date_to),
                    totals[partner_id],
                    rank=position,
                )
            )
        for partner_id, periods in trend.items():
            for period, figures in periods:
                vals_list.append(
                    self._prepare_line_values(partner_id, period, figures, trend=True)
                )
        self.env["boh.supply.scorecard.line"].create(vals_list)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "boh_supply.boh_supply_scorecard_line_action"
        )
        action["domain"] = [("wizard_id", "=", self.id), ("is_trend", "=", False)]
        return action

    def _prepare_line_values(self, partner_id, period, figures, rank=0, trend=False):
        vals = {
            "wizard_id": self.id,
            "partner_id": partner_id,
            "period_start": period[0],
            "period_end": period[1],
            "rank": rank,
            "is_trend": trend,
            "lines": figures["lines"],
        }
        for name in FIGURE_FIELDS:
            vals[name] = figures[name] or 0.0
            vals[f"{name}_known"] = figures[name] is not None
        return vals


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
