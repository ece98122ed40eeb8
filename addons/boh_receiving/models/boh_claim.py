from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

ANSWER_GROUPS = ("boh_base.group_boh_buyer", "boh_base.group_boh_admin")

CLAIM_REASONS = [
    ("short", "Short"),
    ("damaged", "Damaged"),
    ("wrong_item", "Wrong Item"),
    ("temperature", "Temperature"),
    ("expired", "Expired"),
    ("quality", "Quality"),
]

CLAIM_STATES = [
    ("draft", "Draft"),
    ("open", "Open"),
    ("answered", "Answered"),
    ("closed", "Closed"),
    ("cancel", "Cancelled"),
]


class BohClaim(models.Model):
    """A discrepancy found when a store receives goods.

    Created by the receiving wizard, one per received line with a discrepancy.
    The supplier (``partner_id``) is set when the goods came from a purchase
    order; claims on internal sources (central warehouse, central kitchen) have
    no supplier and are handled by the buyers.
    """

    _name = "boh.claim"
    _description = "BOH Receiving Claim"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "boh.store.document.mixin",
        "boh.product.line.mixin",
        "boh.input.mixin",
        "boh.guard.mixin",
    ]
    _boh_sequence_code = "boh.claim"
    _boh_state_errors = {
        "unlink": lambda env, **args: env._(
            "Claim %(name)s is %(state)s: cancel it instead of deleting it.", **args
        ),
        "open": lambda env, **args: env._(
            "Claim %(name)s is %(state)s: it cannot be opened.", **args
        ),
        "answer": lambda env, **args: env._(
            "Claim %(name)s is %(state)s: it cannot be answered.", **args
        ),
        "close": lambda env, **args: env._(
            "Claim %(name)s is %(state)s: it cannot be closed.", **args
        ),
        "cancel": lambda env, **args: env._(
            "Claim %(name)s is %(state)s: it cannot be cancelled.", **args
        ),
        "draft": lambda env, **args: env._(
            "Claim %(name)s is %(state)s: it cannot be reset to draft.", **args
        ),
    }
    _boh_numeric_fields = ("qty_claimed", "price_unit")
    # Set by the buttons (open, answer, close...); never written directly.
    _boh_workflow_fields = frozenset({"state", "date_closed", "scrap_id"})
    _boh_create_only_fields = frozenset({"store_id"})
    _order = "create_date desc, id desc"

    order_id = fields.Many2one("boh.store.order", string="Store Order", index=True)
    order_line_id = fields.Many2one("boh.store.order.line", string="Order Line")
    picking_id = fields.Many2one("stock.picking", string="Receipt", index=True)
    move_id = fields.Many2one("stock.move", string="Stock Move")
    product_id = fields.Many2one(tracking=True)
    qty_claimed = fields.Float(
        string="Claimed Quantity",
        digits="Product Unit of Measure",
        required=True,
        tracking=True,
    )
    price_unit = fields.Float(string="Unit Price", digits="Product Price")
    reason = fields.Selection(CLAIM_REASONS, required=True, index=True, tracking=True)
    note = fields.Text()
    partner_id = fields.Many2one(
        "res.partner",
        string="Supplier",
        index=True,
        tracking=True,
        help="Commercial partner of the vendor of the purchase order; empty when"
        " the goods came from a central warehouse or kitchen.",
    )
    purchase_id = fields.Many2one("purchase.order", string="Purchase Order", index=True)
    photo_ids = fields.Many2many(
        "ir.attachment",
        "boh_claim_photo_rel",
        "claim_id",
        "attachment_id",
        string="Photos",
    )
    amount = fields.Monetary(compute="_compute_amount", store=True)
    state = fields.Selection(
        CLAIM_STATES,
        default="draft",
        required=True,
        index=True,
        tracking=True,
        copy=False,
    )
    scrap_id = fields.Many2one(
        "stock.scrap",
        string="Scrap",
        readonly=True,
        copy=False,
        help="Scrap of the claimed goods kept at the store, so that they are"
        " never sold.",
    )
    answer = fields.Text(help="Answer of the supplier or of the central site.")
    date_closed = fields.Datetime(readonly=True, copy=False)

    @api.depends("qty_claimed", "price_unit")
    def _compute_amount(self):
        for claim in self:
            claim.amount = claim.qty_claimed * claim.price_unit

    @api.constrains("qty_claimed")
    def _check_qty_claimed(self):
        for claim in self:
            if claim.qty_claimed <= 0:
                raise ValidationError(
                    _(
                        "%(record)s: the Claimed Quantity must be positive.",
                        record=claim._boh_record_label(),
                    )
                )

    def _boh_record_label(self):
        self.ensure_one()
        return _(
            "Claim %(claim)s (%(product)s)",
            claim=self.name,
            product=self.product_id.display_name,
        )

    @api.model
    def _boh_default_store(self):
        # Claims are made by the receiving of a store order, for its store.
        return self.env["boh.store"]

    def _check_answering_role(self):
        """The answer of the supplier or of the central site is recorded by
        buyers (or by the supplier portal, in sudo), never by the store that
        made the claim."""
        if self.env.su or any(self.env.user.has_group(g) for g in ANSWER_GROUPS):
            return
        raise AccessError(
            _(
                "Claims %(claims)s: only buyers record the answer of the supplier"
                " or of the central site.",
                claims=", ".join(self.mapped("name")),
            )
        )

    def action_open(self):
        self._check_state(("draft",), "open")
        self._boh_workflow().write({"state": "open"})
        return True

    def action_answer(self):
        self._check_answering_role()
        self._check_state(("open",), "answer")
        self._boh_workflow().write({"state": "answered"})
        return True

    def action_close(self):
        self._check_state(("open", "answered"), "close")
        self._boh_workflow().write(
            {"state": "closed", "date_closed": fields.Datetime.now()}
        )
        return True

    def action_cancel(self):
        self._check_state(("draft", "open", "answered"), "cancel")
        self._boh_workflow().write({"state": "cancel"})
        return True

    def action_draft(self):
        self._check_state(("cancel",), "draft")
        self._boh_workflow().write({"state": "draft"})
        return True
