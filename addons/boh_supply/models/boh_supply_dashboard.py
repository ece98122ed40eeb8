from datetime import timedelta

from odoo import _, api, fields, models

from ..lib import scorecard as sc

QUEUES = [
    ("to_confirm", "Confirmations Pending"),
    ("overdue", "Confirmations Overdue"),
    ("proposals", "Proposals to Decide"),
    ("asn_due", "Shipping Notices Due"),
    ("bills", "Bills with Differences"),
    ("rejected", "Rejected by Supplier"),
    ("scorecard", "Supplier Scorecards"),
]

SCORECARD_DAYS = 90
OTIF_TARGET = 90


class BohSupplyDashboard(models.Model):
    """A tile of the buyer's dashboard: one work queue and its counters.

    Tiles are data records; their counters are computed for the current
    user (with their access rights) each time the dashboard is opened, and
    each counter opens the list it counts.
    """

    _name = "boh.supply.dashboard"
    _description = "Buyer Dashboard Tile"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Selection(QUEUES, required=True)
    sequence = fields.Integer(default=10)
    color = fields.Integer()
    count = fields.Integer(compute="_compute_counters")
    alert_count = fields.Integer(compute="_compute_counters")
    alert_label = fields.Char(compute="_compute_counters")
    summary = fields.Text(compute="_compute_counters")

    _sql_constraints = [
        ("code_unique", "unique(code)", "One dashboard tile per work queue."),
    ]

    # ------------------------------------------------------------------
    # Queues: model, domain, domain of the alert, list action
    # ------------------------------------------------------------------
    @api.model
    def _queue(self, code):
        """``(model, domain, alert domain, alert label, action xml id)``."""
        today = fields.Date.context_today(self)
        to_confirm = [
            ("state", "in", ("sent", "purchase")),
            ("boh_confirmation_state", "=", "to_confirm"),
            ("boh_rejected", "=", False),
        ]
        queues = {
            "to_confirm": (
                "purchase.order",
                to_confirm,
                [("boh_confirmation_overdue", "=", True)],
                _("overdue"),
                "boh_supply.boh_supply_po_to_confirm_action",
            ),
            "overdue": (
                "purchase.order",
                [("boh_confirmation_overdue", "=", True)],
                [("boh_overdue_notified", "=", False)],
                _("not yet flagged"),
                "boh_supply.boh_supply_po_to_confirm_action",
            ),
            "proposals": (
                "boh.supply.proposal",
                [("state", "=", "pending")],
                [("purchase_id.user_id", "=", self.env.uid)],
                _("on my orders"),
                "boh_supply.boh_supply_proposal_action",
            ),
            "asn_due": (
                "boh.asn",
                [("state", "=", "sent")],
                [("expected_date", "<", today)],
                _("late"),
                "boh_supply.boh_asn_action",
            ),
            "bills": (
                "account.move",
                [
                    ("move_type", "=", "in_invoice"),
                    ("boh_portal_upload", "=", True),
                    ("state", "=", "draft"),
                    ("boh_supply_diff", "=", True),
                ],
                [("invoice_date_due", "<", today)],
                _("due"),
                "boh_supply.boh_supply_bill_action",
            ),
            "rejected": (
                "purchase.order",
                [
                    ("boh_has_rejection", "=", True),
                    ("boh_rejection_handled", "=", False),
                ],
                [("user_id", "=", self.env.uid)],
                _("on my orders"),
                "boh_supply.boh_supply_po_rejected_action",
            ),
        }
        return queues.get(code)

    @api.model
    def _scorecard_period(self):
        today = fields.Date.context_today(self)
        return today - timedelta(days=SCORECARD_DAYS), today

    def _compute_counters(self):
        for tile in self:
            tile.count = tile.alert_count = 0
            tile.alert_label = tile.summary = False
            if tile.code == "scorecard":
                tile._compute_scorecard_counters()
                continue
            queue = self._queue(tile.code)
            if not queue:
                continue
            model, domain, alert_domain, alert_label, _action = queue
            Model = self.env[model]
            if not Model.has_access("read"):
                continue
            tile.count = Model.search_count(domain)
            tile.alert_count = tile.count and Model.search_count(domain + alert_domain)
            tile.alert_label = alert_label

    def _compute_scorecard_counters(self):
        """Suppliers scored over the last 90 days, best and worst by OTIF."""
        self.ensure_one()
        if not self.env["purchase.order"].has_access("read"):
            return
        start, stop = self._scorecard_period()
        figures = self.env["boh.supply.scorecard"].get_scorecards(start, stop)
        ranking = sc.rank(figures, "otif")
        self.count = len(ranking)
        self.alert_count = len(
            [p for p in ranking if (figures[p].get("otif") or 0.0) < OTIF_TARGET]
        )
        self.alert_label = _("OTIF below %(target)s%%", target=OTIF_TARGET)
        names = {
            partner.id: partner.display_name
            for partner in self.env["res.partner"].browse(ranking)
        }
        lines = [
            _(
                "%(rank)s. %(supplier)s: OTIF %(otif)s",
                rank=rank,
                supplier=names.get(partner_id, "?"),
                otif=(
                    "-"
                    if figures[partner_id].get("otif") is None
                    else f"{figures[partner_id]['otif']:.0f}%"
                ),
            )
            for rank, partner_id in enumerate(ranking, start=1)
        ]
        if len(lines) > 6:
            lines = lines[:3] + ["..."] + lines[-3:]
        self.summary = "\n".join(lines)

    # ------------------------------------------------------------------
    # Actions: each counter opens its list
    # ------------------------------------------------------------------
    def _action_for(self, alert=False):
        self.ensure_one()
        if self.code == "scorecard":
            start, stop = self._scorecard_period()
            wizard = self.env["boh.supply.scorecard.wizard"].create(
                {"date_from": start, "date_to": stop}
            )
            return wizard.action_compute()
        model, domain, alert_domain, alert_label, xmlid = self._queue(self.code)
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action.update(
            {
                "name": f"{self.name} ({alert_label})" if alert else self.name,
                "domain": domain + alert_domain if alert else domain,
                "context": {},
                "res_model": model,
            }
        )
        return action

    def action_open(self):
        return self._action_for()

    def action_open_alert(self):
        return self._action_for(alert=True)
