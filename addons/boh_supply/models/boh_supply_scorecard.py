from collections import defaultdict
from datetime import datetime, time, timedelta

from odoo import _, api, models
from odoo.tools import SQL

from ..lib import scorecard as sc


class BohSupplyScorecard(models.AbstractModel):
    """Gather receipt lines from the database and score suppliers.

    One SQL query per period gives every purchase order line with goods
    received in the period; the figures come from ``lib/scorecard.py``.
    """

    _name = "boh.supply.scorecard"
    _description = "Supplier Scorecard"

    @api.model
    def _options(self):
        param = self.env["ir.config_parameter"].sudo().get_param
        return {
            "on_time_days": int(param("boh_supply.on_time_days", 0)),
            "in_full_tolerance": float(param("boh_supply.in_full_tolerance", 0.0)),
        }

    @api.model
    def _query_receipt_lines(self, date_from, date_to, partner_ids=None):
        """``[(commercial partner id, purchase line id, ReceiptLine)]`` of a period.

        A line belongs to the period of its last receipt in the period; the
        agreed price and lead time are the supplier's first price list entry
        for the product.  Dates are compared as UTC days.
        """
        start = datetime.combine(date_from, time.min)
        stop = datetime.combine(date_to + timedelta(days=1), time.min)
        partner_filter = (
            SQL("AND rp.commercial_partner_id = ANY(%s)", list(partner_ids))
            if partner_ids
            else SQL("")
        )
        query = SQL(
            """
            WITH received AS (
                SELECT sm.purchase_line_id, MAX(sm.date) AS received_at
                  FROM stock_move sm
                  JOIN stock_location src ON src.id = sm.location_id
                 WHERE sm.state = 'done'
                   AND sm.purchase_line_id IS NOT NULL
                   AND src.usage = 'supplier'
                   AND sm.date >= %(start)s AND sm.date < %(stop)s
                 GROUP BY sm.purchase_line_id
            ),
            lines AS (
                SELECT rp.commercial_partner_id AS partner_id, pol.id AS line_id,
                       pol.product_qty, pol.qty_received,
                       pol.date_planned::date AS planned,
                       r.received_at::date AS received,
                       po.date_order::date AS ordered, pol.price_unit,
                       pol.product_id
                  FROM received r
                  JOIN purchase_order_line pol ON pol.id = r.purchase_line_id
                  JOIN purchase_order po ON po.id = pol.order_id
                  JOIN res_partner rp ON rp.id = po.partner_id
                 WHERE po.company_id = ANY(%(companies)s) %(partner_filter)s
            ),
            -- The agreed price and lead time, once per supplier and product
            -- (not once per line): the first matching price list entry.
            agreed AS (
                SELECT pairs.partner_id, pairs.product_id, si.price, si.delay
                  FROM (SELECT DISTINCT l.partner_id, l.product_id,
                               pp.product_tmpl_id
                          FROM lines l
                          JOIN product_product pp ON pp.id = l.product_id) pairs
                  LEFT JOIN LATERAL (
                        SELECT s.price, s.delay
                          FROM product_supplierinfo s
                         WHERE s.partner_id = pairs.partner_id
                           AND s.product_tmpl_id = pairs.product_tmpl_id
                           AND (s.product_id IS NULL
                                OR s.product_id = pairs.product_id)
                         ORDER BY s.sequence, s.min_qty, s.id
                         LIMIT 1
                  ) si ON TRUE
            )
            SELECT l.partner_id, l.line_id, l.product_qty, l.qty_received,
                   l.planned, l.received, l.ordered, l.price_unit,
                   a.price, a.delay
              FROM lines l
              LEFT JOIN agreed a
                ON a.partner_id = l.partner_id AND a.product_id = l.product_id
            """,
            start=start,
            stop=stop,
            companies=self.env.companies.ids,
            partner_filter=partner_filter,
        )
        self.env.flush_all()
        self.env.cr.execute(query)
        rows = self.env.cr.fetchall()
        claims = self._get_claim_counts([row[1] for row in rows])
        return [
            (
                row[0],
                row[1],
                sc.ReceiptLine(
                    ordered_qty=row[2],
                    received_qty=row[3],
                    planned_date=row[4],
                    received_date=row[5],
                    order_date=row[6],
                    price=row[7],
                    agreed_price=row[8],
                    agreed_lead_days=row[9],
                    claims=claims.get(row[1], 0),
                ),
            )
            for row in rows
        ]

    @api.model
    def _get_claim_counts(self, purchase_line_ids):
        """Quality claims per purchase line id; claims addons override this."""
        return {}

    @api.model
    def get_scorecards(self, date_from, date_to, partner_ids=None):
        """``{commercial partner id: figures}`` over a period."""
        by_partner = defaultdict(list)
        for partner_id, _line_id, line in self._query_receipt_lines(
            date_from, date_to, partner_ids
        ):
            by_partner[partner_id].append(line)
        options = self._options()
        return {
            partner_id: sc.compute_scorecard(lines, **options)
            for partner_id, lines in by_partner.items()
        }

    @api.model
    def get_trend(self, date_from, date_to, granularity="month", partner_ids=None):
        """``{partner id: [((start, end), figures)]}``, one query a period."""
        result = defaultdict(list)
        for period in sc.periods(date_from, date_to, granularity):
            for partner_id, figures in self.get_scorecards(
                *period, partner_ids=partner_ids
            ).items():
                result[partner_id].append((period, figures))
        return dict(result)

    @api.model
    def get_drill_line_ids(self, partner_id, date_from, date_to, figure=None):
        """Purchase line ids behind a figure: the lines that miss it, or all."""
        options = self._options()
        checks = {
            "on_time": lambda rec: not sc.is_on_time(rec, options["on_time_days"]),
            "in_full": lambda rec: not sc.is_in_full(rec, options["in_full_tolerance"]),
            "otif": lambda rec: (
                not (
                    sc.is_on_time(rec, options["on_time_days"])
                    and sc.is_in_full(rec, options["in_full_tolerance"])
                )
            ),
            "fill_rate": lambda rec: rec.received_qty < rec.ordered_qty,
            "claims_per_100": lambda rec: rec.claims,
            "price_variance": lambda rec: (
                rec.agreed_price and rec.price != rec.agreed_price
            ),
            "lead_time_adherence": lambda rec: (
                rec.agreed_lead_days is not None
                and (rec.received_date - rec.order_date).days > rec.agreed_lead_days
            ),
        }
        check = checks.get(figure, lambda rec: True)
        return [
            line_id
            for _partner, line_id, line in self._query_receipt_lines(
                date_from, date_to, [partner_id]
            )
            if check(line)
        ]

    @api.model
    def action_drill(self, partner_id, date_from, date_to, figure=None):
        """The receipts (done incoming moves) behind a figure."""
        line_ids = self.get_drill_line_ids(partner_id, date_from, date_to, figure)
        return {
            "type": "ir.actions.act_window",
            "name": _("Receipts"),
            "res_model": "stock.move",
            "view_mode": "list,form",
            "domain": [
                ("purchase_line_id", "in", line_ids),
                ("state", "=", "done"),
                ("location_id.usage", "=", "supplier"),
            ],
            "context": {"create": False},
        }
