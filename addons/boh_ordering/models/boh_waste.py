from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

WASTE_REASONS = [
    ("expired", "Expired"),
    ("damaged", "Damaged"),
    ("overproduction", "Overproduction"),
    ("quality", "Quality"),
]


class BohWaste(models.Model):
    """One waste entry of a store: a product thrown away, with its reason.

    Posting it validates a ``stock.scrap`` from the store's stock location, and
    freezes its value (quantity x product cost) for the waste reports.
    """

    _name = "boh.waste"
    _description = "BOH Waste"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "boh.input.mixin",
        "boh.guard.mixin",
    ]
    _boh_numeric_fields = ("quantity",)
    # Posting (which scraps the goods) sets these; never written directly.
    _boh_workflow_fields = frozenset({"state", "scrap_id"})
    _boh_create_only_fields = frozenset({"store_id"})
    _order = "date desc, id desc"

    name = fields.Char(
        string="Reference", required=True, copy=False, readonly=True, default="/"
    )
    store_id = fields.Many2one(
        "boh.store",
        required=True,
        index=True,
        tracking=True,
        domain="[('store_type', '=', 'store')]",
        default=lambda self: self.env["boh.store"]._get_user_stores()[:1],
    )
    date = fields.Date(
        required=True, default=fields.Date.context_today, index=True, tracking=True
    )
    user_id = fields.Many2one(
        "res.users", string="Logged By", default=lambda self: self.env.user
    )
    product_id = fields.Many2one(
        "product.product",
        required=True,
        index=True,
        tracking=True,
        domain="[('is_storable', '=', True)]",
    )
    product_categ_id = fields.Many2one(
        related="product_id.categ_id", store=True, string="Product Category"
    )
    product_uom_id = fields.Many2one(
        "uom.uom",
        string="Unit",
        required=True,
        compute="_compute_product_uom_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    quantity = fields.Float(
        digits="Product Unit of Measure", required=True, default=1.0, tracking=True
    )
    reason = fields.Selection(WASTE_REASONS, required=True, index=True, tracking=True)
    note = fields.Text()
    unit_cost = fields.Float(
        digits="Product Price",
        compute="_compute_unit_cost",
        store=True,
        readonly=False,
        precompute=True,
        help="Cost of one unit of measure of the product; frozen when posted.",
    )
    company_id = fields.Many2one(
        "res.company",
        related="store_id.company_id",
        store=True,
        index=True,
        readonly=True,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount = fields.Monetary(
        string="Value", compute="_compute_amount", store=True, aggregator="sum"
    )
    state = fields.Selection(
        [("draft", "Draft"), ("done", "Posted"), ("cancel", "Cancelled")],
        default="draft",
        required=True,
        index=True,
        tracking=True,
        copy=False,
    )
    scrap_id = fields.Many2one("stock.scrap", readonly=True, copy=False)

    @api.depends("product_id")
    def _compute_product_uom_id(self):
        for waste in self:
            if not waste.product_uom_id or (
                waste.product_id
                and waste.product_uom_id.category_id
                != waste.product_id.uom_id.category_id
            ):
                waste.product_uom_id = waste.product_id.uom_id

    @api.depends("product_id")
    def _compute_unit_cost(self):
        for waste in self:
            waste.unit_cost = waste._get_product_cost()

    @api.depends("quantity", "product_uom_id", "unit_cost")
    def _compute_amount(self):
        for waste in self:
            waste.amount = waste._get_product_qty() * waste.unit_cost

    def _get_product_qty(self):
        """The quantity in the product's own unit (the unit of its cost)."""
        self.ensure_one()
        if not self.product_uom_id or not self.product_id:
            return self.quantity
        return self.product_uom_id._compute_quantity(
            self.quantity, self.product_id.uom_id, round=False
        )

    def _get_product_cost(self):
        self.ensure_one()
        product = self.product_id.with_company(self.company_id or self.env.company)
        return product.standard_price

    @api.constrains("quantity")
    def _check_quantity(self):
        for waste in self:
            if waste.quantity <= 0:
                raise ValidationError(
                    _(
                        "Waste %(waste)s (%(product)s): the Quantity must be positive.",
                        waste=waste.name,
                        product=waste.product_id.display_name,
                    )
                )

    @api.constrains("product_id", "product_uom_id")
    def _check_product_uom(self):
        self._boh_check_product_uom()

    def _boh_record_label(self):
        self.ensure_one()
        return _(
            "Waste %(waste)s (%(product)s)",
            waste=self.name,
            product=self.product_id.display_name,
        )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("boh.waste") or "/"
        return super().create(vals_list)

    def write(self, vals):
        frozen = {"product_id", "product_uom_id", "quantity", "unit_cost", "store_id"}
        if frozen.intersection(vals) and any(w.state == "done" for w in self):
            raise UserError(
                _(
                    "Waste %(waste)s is posted: its product, quantity and value"
                    " cannot change.",
                    waste=", ".join(
                        self.filtered(lambda w: w.state == "done").mapped("name")
                    ),
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        for waste in self:
            if waste.state == "done":
                raise UserError(
                    _(
                        "Waste %(waste)s is posted and cannot be deleted.",
                        waste=waste.name,
                    )
                )

    def _prepare_scrap_values(self):
        self.ensure_one()
        return {
            "product_id": self.product_id.id,
            "product_uom_id": self.product_uom_id.id,
            "scrap_qty": self.quantity,
            "location_id": self.store_id.lot_stock_id.id,
            "company_id": self.company_id.id,
            "origin": self.name,
        }

    def action_post(self):
        """Scrap the wasted quantities from the store's stock location."""
        for waste in self:
            if waste.state != "draft":
                raise UserError(
                    _("Waste %(waste)s is not a draft any more.", waste=waste.name)
                )
        # Store staff have no stock rights: they may log the waste of their own
        # store (checked just below through the record rules of boh.waste), and
        # the scrap only moves goods out of that store's stock location.
        self.check_access("write")
        Scrap = self.env["stock.scrap"].sudo()
        for waste in self:
            scrap = Scrap.create(waste._prepare_scrap_values())
            if not scrap.check_available_qty():
                available = (
                    waste.product_id.with_context(location=scrap.location_id.id)
                    .sudo()
                    .qty_available
                )
                raise UserError(
                    _(
                        "Waste %(waste)s (%(product)s): the Quantity %(qty)s %(uom)s"
                        " is more than the %(available)s %(product_uom)s on hand in"
                        " store %(store)s. Count the stock first.",
                        waste=waste.name,
                        product=waste.product_id.display_name,
                        qty=waste.quantity,
                        uom=waste.product_uom_id.name,
                        available=available,
                        product_uom=waste.product_id.uom_id.name,
                        store=waste.store_id.display_name,
                    )
                )
            scrap.action_validate()
            waste._boh_workflow().write(
                {
                    "state": "done",
                    "scrap_id": scrap.id,
                    "unit_cost": waste._get_product_cost(),
                }
            )
        return True

    def action_cancel(self):
        for waste in self:
            if waste.state != "draft":
                raise UserError(
                    _(
                        "Waste %(waste)s is posted: it cannot be cancelled.",
                        waste=waste.name,
                    )
                )
        self._boh_workflow().write({"state": "cancel"})
        return True

    def action_draft(self):
        self.filtered(lambda w: w.state == "cancel")._boh_workflow().write(
            {"state": "draft"}
        )
        return True
