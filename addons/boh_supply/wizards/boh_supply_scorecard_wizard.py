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
