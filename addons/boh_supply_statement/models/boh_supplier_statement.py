from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..services.statement_lines import (
    BILLED_NOT_RECEIVED,
    GOODS,
    PRICE_DIFFERENCE,
    RECEIVED_NOT_BILLED,
    month_bounds,
    opening_balances,
    statement_lines,
)


class BohSupplierStatement(models.Model):
    """A supplier's monthly statement (对账单): what was received, billed,
    credited and paid in a calendar month, and where receipts and bills
    differ.  The buyer sends it; the supplier confirms or disputes it, line by
    line, in the portal."""

    _name = "boh.supplier.statement"
    _description = "Supplier Statement"
    _inherit = [
        "portal.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "boh.guard.mixin",
        "boh.supplier.statement.answers",
    ]
    _order = "date_from desc, partner_id, id desc"
    # Suppliers write in the chatter of the statements they can read.
    _mail_post_access = "read"
    # Changed only by the buttons (buyer) and the portal (supplier).
    _boh_workflow_fields = frozenset(
        {"state", "line_ids", "sent_date", "answer_date", "amount_opening"}
    )
    # Whose statement it is and for which month: fixed at creation.
    _boh_create_only_fields = frozenset(
        {"partner_id", "company_id", "date_from", "date_to"}
    )

    name = fields.Char(
        string="Reference",
        required=True,
        readonly=True,
        copy=False,
        default=lambda self: _("New"),
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Supplier",
        required=True,
        index=True,
        tracking=True,
        domain=[("is_company", "=", True)],
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_from = fields.Date(string="From", required=True)
    date_to = fields.Date(string="To", required=True)
    user_id = fields.Many2one(
        "res.users",
        string="Responsible Buyer",
        tracking=True,
        help="Who answers the supplier's disputes: the buyer of the orders, "
        "else whoever made the statement.",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("sent", "Sent to Supplier"),
            ("confirmed", "Confirmed"),
            ("disputed", "Disputed"),
        ],
        default="draft",
        required=True,
        tracking=True,
        index=True,
    )
    sent_date = fields.Datetime(readonly=True, copy=False)
    answer_date = fields.Datetime(
        string="Supplier Answer Date", readonly=True, copy=False
    )
    line_ids = fields.One2many(
        "boh.supplier.statement.line", "statement_id", string="Lines"
    )
    goods_line_ids = fields.One2many(
        "boh.supplier.statement.line",
        "statement_id",
        string="Goods",
        domain=[("line_type", "=", GOODS)],
    )
    document_line_ids = fields.One2many(
        "boh.supplier.statement.line",
        "statement_id",
        string="Bills, Credit Notes and Payments",
        domain=[("line_type", "!=", GOODS)],
    )
    amount_opening = fields.Monetary(string="Opening Balance", readonly=True)
    amount_ordered = fields.Monetary(
        string="Ordered", compute="_compute_amounts", store=True
    )
    amount_received = fields.Monetary(
        string="Received Value", compute="_compute_amounts", store=True
    )
    amount_billed = fields.Monetary(
        string="Billed", compute="_compute_amounts", store=True
    )
    amount_credited = fields.Monetary(
        string="Credited", compute="_compute_amounts", store=True
    )
    amount_paid = fields.Monetary(string="Paid", compute="_compute_amounts", store=True)
    amount_balance = fields.Monetary(
        string="Balance",
        compute="_compute_amounts",
        store=True,
        help="Opening balance + billed - credited - paid: what is owed to the "
        "supplier at the end of the month.",
    )
    diff_received_not_billed = fields.Monetary(
        string="Received, Not Billed", compute="_compute_amounts", store=True
    )
    diff_billed_not_received = fields.Monetary(
        string="Billed, Not Received", compute="_compute_amounts", store=True
    )
    diff_price = fields.Monetary(
        string="Price Differences", compute="_compute_amounts", store=True
    )
    difference_count = fields.Integer(
        string="Lines with Differences", compute="_compute_amounts", store=True
    )
    disputed_count = fields.Integer(
        string="Disputed Lines", compute="_compute_amounts", store=True
    )

    _sql_constraints = [
        (
            "boh_statement_month_uniq",
            "unique(partner_id, company_id, date_from)",
            "A supplier has one statement per company and month.",
        )
    ]

    @api.depends(
        "amount_opening",
        "line_ids.line_type",
        "line_ids.amount",
        "line_ids.qty_ordered",
        "line_ids.price_unit_po",
        "line_ids.amount_received",
        "line_ids.difference_type",
        "line_ids.difference_amount",
        "line_ids.supplier_status",
    )
    def _compute_amounts(self):
        for statement in self:
            goods = statement.line_ids.filtered(lambda line: line.line_type == GOODS)
            by_type = statement.line_ids.grouped("line_type")
            by_diff = goods.grouped("difference_type")
            statement.amount_ordered = sum(
                line.qty_ordered * line.price_unit_po for line in goods
            )
            statement.amount_received = sum(goods.mapped("amount_received"))
            billed = sum(by_type.get("bill", goods.browse()).mapped("amount"))
            credited = -sum(by_type.get("credit_note", goods.browse()).mapped("amount"))
            paid = -sum(by_type.get("payment", goods.browse()).mapped("amount"))
            statement.amount_billed = billed
            statement.amount_credited = credited
            statement.amount_paid = paid
            statement.amount_balance = (
                statement.amount_opening + billed - credited - paid
            )
            statement.diff_received_not_billed = -sum(
                by_diff.get(RECEIVED_NOT_BILLED, goods.browse()).mapped(
                    "difference_amount"
                )
            )
            statement.diff_billed_not_received = sum(
                by_diff.get(BILLED_NOT_RECEIVED, goods.browse()).mapped(
                    "difference_amount"
                )
            )
            statement.diff_price = sum(
                by_diff.get(PRICE_DIFFERENCE, goods.browse()).mapped(
                    "difference_amount"
                )
            )
            statement.difference_count = len(goods.filtered("has_difference"))
            statement.disputed_count = len(
                statement.line_ids.filtered(
                    lambda line: line.supplier_status == "disputed"
                )
            )

    @api.constrains("date_from", "date_to")
    def _check_month(self):
        for statement in self:
            if (statement.date_from, statement.date_to) != month_bounds(
                statement.date_from
            ):
                raise ValidationError(
                    _(
                        "Statement %(statement)s: the period (From, To) must be "
                        "one calendar month, from its first to its last day.",
                        statement=statement.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", _("New")) == _("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code(
                    "boh.supplier.statement"
                ) or _("New")
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_sent(self):
        for statement in self:
            if statement.state != "draft":
                raise UserError(
                    _(
                        "Statement %(statement)s was sent to its supplier: it "
                        "cannot be deleted.",
                        statement=statement.name,
                    )
                )

    def _compute_access_url(self):
        res = super()._compute_access_url()
        for statement in self:
            statement.access_url = f"/my/statements/{statement.id}"
        return res

    def _get_report_base_filename(self):
        self.ensure_one()
        return _("Statement %(statement)s", statement=self.name).replace("/", "-")

    # ------------------------------------------------------------------
    # Buyer side
    # ------------------------------------------------------------------
    def _boh_check_buyer(self):
        """Buyers and BOH administrators make and send statements; suppliers
        answer them through the portal (in sudo, after checking the
        supplier)."""
        if not (self.env.su or self.env.user.has_group("boh_base.group_boh_buyer")):
            raise AccessError(
                _(
                    "Only buyers can work on the supplier statements %(names)s.",
                    names=", ".join(self.sudo().mapped("name")) or "-",
                )
            )
        self.check_access("write")

    def _boh_tz(self):
        return self.company_id.partner_id.tz or self.env.user.tz or "UTC"

    @api.model
    def _boh_generate(self, day, company=None):
        """Draft statements for the month of ``day`` and every supplier with
        activity in it (receipts, bills, credit notes or payments) that has
        none yet; returns them."""
        self._boh_check_buyer()
        company = company or self.env.company
        date_from, date_to = month_bounds(day)
        tz = company.partner_id.tz or self.env.user.tz or "UTC"
        # sudo: buyers were checked above; the supplier documents of the
        # company are read for the month (buyers need no accounting rights)
        lines_by_partner = statement_lines(
            self.env(su=True), company, date_from, date_to, tz
        )
        existing = set(
            self.search(
                [("company_id", "=", company.id), ("date_from", "=", date_from)]
            ).mapped("partner_id.id")
        )
        partner_ids = sorted(set(lines_by_partner) - existing)
        if not partner_ids:
            return self.browse()
        partners = self.env["res.partner"].browse(partner_ids)
        openings = opening_balances(self.env(su=True), company, date_from, partners)
        buyers = self._boh_buyers(lines_by_partner)
        statements = self.create(
            [
                {
                    "partner_id": partner_id,
                    "company_id": company.id,
                    "date_from": date_from,
                    "date_to": date_to,
                    "user_id": buyers.get(partner_id, self.env.user.id),
                }
                for partner_id in partner_ids
            ]
        )
        statements._boh_write_lines(lines_by_partner, openings)
        return statements

    def _boh_buyers(self, lines_by_partner):
        """{supplier id: the buyer of most of its orders in the lines}."""
        pol_ids = [
            vals["purchase_line_id"]
            for lines in lines_by_partner.values()
            for vals in lines
            if vals.get("purchase_line_id")
        ]
        counts = {}
        # sudo: only the buyer of the orders listed is read
        for pol in self.env["purchase.order.line"].sudo().browse(pol_ids):
            buyer = pol.order_id.user_id
            if buyer:
                partner_id = pol.order_id.partner_id.commercial_partner_id.id
                per = counts.setdefault(partner_id, {})
                per[buyer.id] = per.get(buyer.id, 0) + 1
        return {
            partner_id: max(per, key=lambda uid: (per[uid], -uid))
            for partner_id, per in counts.items()
        }

    def _boh_write_lines(self, lines_by_partner, openings):
        # sudo: buyers were checked by the callers; lines are built only here
        # (no one has the right to create them directly)
        self.sudo().line_ids.unlink()
        vals_list = []
        for statement in self:
            for vals in lines_by_partner.get(statement.partner_id.id, []):
                vals_list.append({**vals, "statement_id": statement.id})
        self.env["boh.supplier.statement.line"].sudo()._boh_workflow().create(vals_list)
        for statement in self:
            statement._boh_workflow().amount_opening = openings.get(
                statement.partner_id.id, 0.0
            )

    def action_refresh(self):
        """Read the month again (after a bill was corrected, a credit note
        posted): the lines of draft statements are rebuilt."""
        self._boh_check_buyer()
        for statement in self:
            if statement.state != "draft":
                raise UserError(
                    _(
                        "Statement %(statement)s was sent: set it back to draft "
                        "before reading the month again.",
                        statement=statement.name,
                    )
                )
        for statement in self:
            # sudo: as in _boh_generate, after the buyer check
            lines = statement_lines(
                self.env(su=True),
                statement.company_id,
                statement.date_from,
                statement.date_to,
                statement._boh_tz(),
                partners=statement.partner_id,
            )
            openings = opening_balances(
                self.env(su=True),
                statement.company_id,
                statement.date_from,
                statement.partner_id,
            )
            statement._boh_write_lines(lines, openings)
        return True

    def _boh_recipients(self):
        """The supplier and its contacts who have a portal user."""
        self.ensure_one()
        # sudo: the supplier's contacts and their users are read to notify them
        partner = self.partner_id.sudo()
        users = (
            self.env["res.users"]
            .sudo()
            .search([("partner_id", "child_of", partner.id), ("share", "=", True)])
        )
        return partner | users.partner_id

    def action_send(self):
        """Send the statement to its supplier (first time, or again after a
        dispute): it shows in the portal and the supplier is told."""
        self._boh_check_buyer()
        for statement in self:
            if statement.state not in ("draft", "disputed"):
                raise UserError(
                    _(
                        "Statement %(statement)s is already with its supplier "
                        "or confirmed.",
                        statement=statement.name,
                    )
                )
            if not statement.line_ids:
                raise UserError(
                    _(
                        "Statement %(statement)s has no line: there is nothing "
                        "to send.",
                        statement=statement.name,
                    )
                )
        for statement in self:
            again = statement.state == "disputed"
            disputed = statement.line_ids.filtered(
                lambda line: line.supplier_status == "disputed"
            )
            # The supplier answers the disputed lines again. sudo: buyers were
            # checked above; lines are changed by the workflow only
            disputed.sudo()._boh_workflow().write({"supplier_status": "pending"})
            statement._boh_workflow().write(
                {"state": "sent", "sent_date": fields.Datetime.now()}
            )
            recipients = statement._boh_recipients()
            statement.message_subscribe(partner_ids=recipients.ids)
            if again:
                body = _(
                    "Statement %(statement)s for %(period)s was sent to you "
                    "again after your dispute was reviewed. Please confirm or "
                    "dispute its lines in the supplier portal.",
                    statement=statement.name,
                    period=statement._boh_period_label(),
                )
            else:
                body = _(
                    "Statement %(statement)s for %(period)s is ready. Please "
                    "confirm or dispute its lines in the supplier portal.",
                    statement=statement.name,
                    period=statement._boh_period_label(),
                )
            statement.message_post(
                body=body,
                partner_ids=recipients.ids,
                subtype_xmlid="mail.mt_comment",
            )
        return True

    def action_reset_draft(self):
        """Resolve a dispute: back to draft to read the month again (after
        correcting bills or orders), then send it again."""
        self._boh_check_buyer()
        for statement in self:
            if statement.state not in ("sent", "disputed"):
                raise UserError(
                    _(
                        "Statement %(statement)s can be set back to draft only "
                        "while it is sent or disputed.",
                        statement=statement.name,
                    )
                )
        self._boh_workflow().write({"state": "draft"})
        return True

    def action_preview(self):
        """The statement as its supplier sees it in the portal."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "target": "self",
            "url": self.get_portal_url(),
        }

    @api.model
    def _cron_generate_last_month(self):
        """Draft last month's statements, for every company."""
        today = fields.Date.context_today(self)
        last_month = today.replace(day=1) - timedelta(days=1)
        for company in self.env["res.company"].search([]):
            self.with_company(company)._boh_generate(last_month, company)

    def _boh_period_label(self):
        self.ensure_one()
        return self.date_from.strftime("%Y-%m")
