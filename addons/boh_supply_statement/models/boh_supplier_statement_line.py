from odoo import api, fields, models

LINE_TYPES = [
    ("goods", "Goods"),
    ("bill", "Bill"),
    ("credit_note", "Credit Note"),
    ("payment", "Payment"),
]
DIFFERENCE_TYPES = [
    ("ok", "OK"),
    ("received_not_billed", "Received, Not Billed"),
    ("billed_not_received", "Billed, Not Received"),
    ("price_difference", "Price Difference"),
]


class BohSupplierStatementLine(models.Model):
    """A line of a supplier statement: a purchase order line's goods of the
    month (received, billed, prices), or a bill, a credit note or a payment.
    Built by the statement only; the supplier confirms or disputes it."""

    _name = "boh.supplier.statement.line"
    _description = "Supplier Statement Line"
    _inherit = ["boh.guard.mixin"]
    _order = "statement_id, sequence, id"
    _boh_create_only_fields = frozenset({"statement_id"})
    _boh_workflow_fields = frozenset(
        {
            "sequence",
            "line_type",
            "date",
            "reference",
            "purchase_line_id",
            "move_id",
            "payment_id",
            "product_id",
            "product_uom_id",
            "qty_ordered",
            "qty_received",
            "qty_billed",
            "price_unit_po",
            "price_unit_bill",
            "amount_received",
            "amount_billed",
            "amount",
            "difference_type",
            "difference_amount",
            "supplier_status",
            "supplier_comment",
        }
    )

    statement_id = fields.Many2one(
        "boh.supplier.statement",
        string="Statement",
        required=True,
        ondelete="cascade",
        index=True,
    )
    partner_id = fields.Many2one(related="statement_id.partner_id", store=True)
    company_id = fields.Many2one(related="statement_id.company_id", store=True)
    currency_id = fields.Many2one(related="statement_id.currency_id")
    sequence = fields.Integer(default=10)
    line_type = fields.Selection(
        LINE_TYPES, string="Type", required=True, default="goods"
    )
    date = fields.Date()
    reference = fields.Char(string="Document")
    purchase_line_id = fields.Many2one(
        "purchase.order.line", string="Purchase Order Line", index="btree_not_null"
    )
    move_id = fields.Many2one("account.move", string="Bill or Credit Note")
    payment_id = fields.Many2one("account.payment", string="Payment")
    product_id = fields.Many2one("product.product", string="Product")
    product_uom_id = fields.Many2one("uom.uom", string="Unit")
    qty_ordered = fields.Float(string="Ordered", digits="Product Unit of Measure")
    qty_received = fields.Float(string="Received", digits="Product Unit of Measure")
    qty_billed = fields.Float(string="Billed", digits="Product Unit of Measure")
    price_unit_po = fields.Float(string="Order Price", digits="Product Price")
    price_unit_bill = fields.Float(string="Bill Price", digits="Product Price")
    amount_received = fields.Monetary(string="Received Value")
    amount_billed = fields.Monetary(string="Billed Value")
    amount = fields.Monetary(
        help="What the bill, credit note or payment adds to the amount owed to "
        "the supplier."
    )
    difference_type = fields.Selection(DIFFERENCE_TYPES, string="Difference")
    difference_amount = fields.Monetary(
        string="Difference Amount", help="Billed value less received value."
    )
    has_difference = fields.Boolean(compute="_compute_has_difference", store=True)
    supplier_status = fields.Selection(
        [("pending", "Pending"), ("confirmed", "Confirmed"), ("disputed", "Disputed")],
        default="pending",
        required=True,
    )
    supplier_comment = fields.Text()

    @api.depends("difference_type")
    def _compute_has_difference(self):
        for line in self:
            line.has_difference = line.difference_type not in (False, "ok")

    @api.depends("sequence", "reference", "product_id")
    def _compute_display_name(self):
        for line in self:
            parts = [f"#{line.sequence}", line.reference or ""]
            if line.product_id:
                parts.append(line.product_id.display_name)
            line.display_name = " ".join(p for p in parts if p)
