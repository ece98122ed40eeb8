from collections import defaultdict
from datetime import datetime, time, timedelta

from odoo import _, api, models
from odoo.exceptions import AccessError
from odoo.tools import SQL

from odoo.addons.boh_base.services.inputs import check_date, check_id

from ..lib import scorecard as sc


class BohSupplyScorecard(models.AbstractModel):
    """Gather receipt lines from the database and score suppliers.

    One SQL query per period gives every purchase order line with goods
    received in the period; the figures come from ``lib/scorecard.py``.
    """

    _name = "boh.supply.scorecard"
    _description = "Supplier Scorecard"

    @api.model
    def _check_scorecard_access(self, partner_ids):
        """The suppliers whose figures the caller may read, as commercial
        partner ids; AccessError otherwise.

        The queries below read receipts in SQL, past record rules: code in
        sudo (the portal controller, which passes the supplier of its user)
        reads any supplier; buyers (purchase users) and executives read every
        supplier; a portal user reads only its own commercial partner; nobody
        else reads any.
        """
        ids = [
            check_id(partner_id, _("Supplier Scorecard"), _("Supplier"))
            for partner_id in (partner_ids or ())
        ]
        if self.env.su:
            return ids or None
        user = self.env.user
        if user.has_group("purchase.group_purchase_user") or user.has_group(
            "boh_base.group_boh_executive"
        ):
            return ids or None
        own = user.partner_id.commercial_partner_id.id
        if user.share and not user._is_public() and ids and set(ids) == {own}:
            return ids
        raise AccessError(
            _(
                "%(user)s cannot read the scorecards of these suppliers.",
                user=user.display_name,
            )
        )

    @api.model
    def _check_period(self, date_from, date_to):
        """The period as dates, within the sensible window, start first."""
        label = _("Supplier Scorecard")
        start = check_date(date_from, label, _("Start date"), allow_empty=False)
        stop = check_date(date_to, label, _("End date"), allow_empty=False)
        return (stop, start) if start > stop else (start, stop)

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
        return self._query_period_receipt_lines([(date_from, date_to)], partner_ids)[0]

    @api.model
    def _query_period_receipt_lines(self, periods, partner_ids=None):
        """The receipt lines of several periods, in one query.

        Returns one list per period of ``periods`` (``[(date_from, date_to)]``,
        days included), as ``_query_receipt_lines`` gives for each.  With
        ``partner_ids`` the query starts from those suppliers' purchase lines
        (through their indexes) instead of every receipt of the periods.
        """
        if not periods:
            return []
        starts = [datetime.combine(start, time.min) for start, _stop in periods]
        stops = [
            datetime.combine(stop + timedelta(days=1), time.min)
            for _start, stop in periods
        ]
        if partner_ids:
            # Supplier first: their purchase lines, then those lines' moves.
            source = SQL(
                """
                  FROM res_partner rp
                  JOIN purchase_order po ON po.partner_id = rp.id
                  JOIN purchase_order_line pol ON pol.order_id = po.id
                  JOIN stock_move sm ON sm.purchase_line_id = pol.id
                 WHERE rp.commercial_partner_id = ANY(%s)
                   AND po.company_id = ANY(%s)
                """,
                list(partner_ids),
                self.env.companies.ids,
            )
        else:
            source = SQL("FROM stock_move sm WHERE sm.purchase_line_id IS NOT NULL")
        query = SQL(
            """
            WITH bounds AS (
                SELECT * FROM unnest(%(idx)s::int[], %(starts)s::timestamp[],
                                     %(stops)s::timestamp[]) AS b(idx, start, stop)
            ),
            moves AS (
                SELECT sm.purchase_line_id, sm.date
                  %(source)s
                   AND sm.state = 'done'
                   AND sm.date >= %(first)s AND sm.date < %(last)s
                   AND EXISTS (SELECT 1 FROM stock_location src
                                WHERE src.id = sm.location_id
                                  AND src.usage = 'supplier')
            ),
            received AS (
                SELECT b.idx, m.purchase_line_id, MAX(m.date) AS received_at
                  FROM moves m
                  JOIN bounds b ON m.date >= b.start AND m.date < b.stop
                 GROUP BY b.idx, m.purchase_line_id
            ),
            lines AS (
                SELECT r.idx, rp.commercial_partner_id AS partner_id,
                       pol.id AS line_id, pol.product_qty, pol.qty_received,
                       pol.date_planned::date AS planned,
                       r.received_at::date AS received,
                       po.date_order::date AS ordered, pol.price_unit,
                       pol.product_id
                  FROM received r
                  JOIN purchase_order_line pol ON pol.id = r.purchase_line_id
                  JOIN purchase_order po ON po.id = pol.order_id
                  JOIN res_partner rp ON rp.id = po.partner_id
                 WHERE po.company_id = ANY(%(companies)s)
            ),
            -- The agreed price and lead time, once per supplier and product
            -- (not once per line): the first matching price list entry.
            -- Materialized: computed once, never again for each line.
            agreed AS MATERIALIZED (
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
            SELECT l.idx, l.partner_id, l.line_id, l.product_qty, l.qty_received,
                   l.planned, l.received, l.ordered, l.price_unit,
                   a.price, a.delay
              FROM lines l
              LEFT JOIN agreed a
                ON a.partner_id = l.partner_id AND a.product_id = l.product_id
            """,
            idx=list(range(len(periods))),
            starts=starts,
            stops=stops,
            first=min(starts),
            last=max(stops),
            source=source,
            companies=self.env.companies.ids,
        )
        self.env.flush_all()
        self.env.cr.execute(query)
        rows = self.env.cr.fetchall()
        claims = self._get_claim_counts(list({row[2] for row in rows}))
        result = [[] for _period in periods]
        for row in rows:
            result[row[0]].append(
                (
                    row[1],
                    row[2],
                    sc.ReceiptLine(
                        ordered_qty=row[3],
                        received_qty=row[4],
                        planned_date=row[5],
                        received_date=row[6],
                        order_date=row[7],
                        price=row[8],
                        agreed_price=row[9],
                        agreed_lead_days=row[10],
                        claims=claims.get(row[2], 0),
                    ),
                )
            )
        return result

    @api.model
    def _get_claim_counts(self, purchase_line_ids):
        """Quality claims per purchase line id; claims addons override this."""
        return {}

    @api.model
    def _score_by_partner(self, receipt_lines, options):
        by_partner = defaultdict(list)
        for partner_id, _line_id, line in receipt_lines:
            by_partner[partner_id].append(line)
        return {
            partner_id: sc.compute_scorecard(lines, **options)
            for partner_id, lines in by_partner.items()
        }

    @api.model
    def get_scorecards(self, date_from, date_to, partner_ids=None):
        """``{commercial partner id: figures}`` over a period."""
        partner_ids = self._check_scorecard_access(partner_ids)
        date_from, date_to = self._check_period(date_from, date_to)
        return self._get_scorecards(date_from, date_to, partner_ids)

    @api.model
    def _get_scorecards(self, date_from, date_to, partner_ids=None):
        return self._score_by_partner(
            self._query_receipt_lines(date_from, date_to, partner_ids),
            self._options(),
        )

    @api.model
    def get_trend(self, date_from, date_to, granularity="month", partner_ids=None):
        """``{partner id: [((start, end), figures)]}``, one query for all periods."""
        partner_ids = self._check_scorecard_access(partner_ids)
        date_from, date_to = self._check_period(date_from, date_to)
        return self._get_scorecards_and_trend(
            date_from, date_to, granularity, partner_ids
        )[1]

    @api.model
    def get_scorecards_and_trend(
        self, date_from, date_to, granularity="month", partner_ids=None
    ):
        """Figures of the whole period and its trend, from one query."""
        partner_ids = self._check_scorecard_access(partner_ids)
        date_from, date_to = self._check_period(date_from, date_to)
        return self._get_scorecards_and_trend(
            date_from, date_to, granularity, partner_ids
        )

    @api.model
    def _get_scorecards_and_trend(
        self, date_from, date_to, granularity="month", partner_ids=None
    ):
        if granularity not in ("week", "month"):
            granularity = "month"
        periods = sc.periods(date_from, date_to, granularity)
        receipt_lines = self._query_period_receipt_lines(
            [(date_from, date_to)] + periods, partner_ids
        )
        options = self._options()
        totals = self._score_by_partner(receipt_lines[0], options)
        trend = defaultdict(list)
        for period, lines in zip(periods, receipt_lines[1:], strict=True):
            for partner_id, figures in self._score_by_partner(lines, options).items():
                trend[partner_id].append((period, figures))
        return totals, dict(trend)

    @api.model
    def get_drill_line_ids(self, partner_id, date_from, date_to, figure=None):
        """Purchase line ids behind a figure: the lines that miss it, or all."""
        if not partner_id:
            raise AccessError(_("Supplier Scorecard: choose a supplier."))
        partner_ids = self._check_scorecard_access([partner_id])
        date_from, date_to = self._check_period(date_from, date_to)
        return self._get_drill_line_ids(partner_ids[0], date_from, date_to, figure)

    @api.model
    def _get_drill_line_ids(self, partner_id, date_from, date_to, figure=None):
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
