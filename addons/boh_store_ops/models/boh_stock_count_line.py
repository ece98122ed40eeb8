from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError


class BohStockCountLine(models.Model):
    _name = "boh.stock.count.line"
    _inherit = ["boh.product.line.mixin", "boh.input.mixin", "boh.guard.mixin"]
    _boh_numeric_fields = ("qty_counted",)
    # Read from the stock by the workflow (loading, posting) only.
    _boh_workflow_fields = frozenset({"qty_theoretical"})
    _boh_create_only_fields = frozenset({"count_id"})
    _description = "BOH Stock Count Line"
    _order = "count_id, sequence, id"

    count_id = fields.Many2one(
        "boh.stock.count", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(
        compute="_compute_sequence",
        store=True,
        readonly=False,
        precompute=True,
        help="Shelf walk order, taken from the store's order guide.",
    )
    store_id = fields.Many2one(related="count_id.store_id", store=True, index=True)
    state = fields.Selection(related="count_id.state", store=True)
    company_id = fields.Many2one(related="count_id.company_id", store=True)
    currency_id = fields.Many2one(related="count_id.currency_id")
    product_id = fields.Many2one(domain="[('is_storable', '=', True)]")
    qty_theoretical = fields.Float(
        string="On Hand",
        digits="Product Unit of Measure",
        readonly=True,
        help="Quantity in the system when the line was loaded or posted.",
    )
    qty_counted = fields.Float(string="Counted", digits="Product Unit of Measure")
    qty_difference = fields.Float(
        string="Difference",
        digits="Product Unit of Measure",
        compute="_compute_difference",
        store=True,
    )
    unit_cost = fields.Float(
        digits="Product Price",
        help="Cost of one unit of measure of the product.",
        compute="_compute_unit_cost",
        store=True,
        readonly=False,
        precompute=True,
    )
    amount_difference = fields.Monetary(
        string="Difference Value", compute="_compute_difference", store=True
    )

    _sql_constraints = [
        (
            "product_count_unique",
            "unique(count_id, product_id)",
            "A product can only be counted once per count sheet.",
        )
    ]

    @api.depends("product_id", "count_id.store_id")
    def _compute_sequence(self):
        for count in self.count_id:
            lines = self.filtered(lambda line, count=count: line.count_id == count)
            guide_lines = count._get_guide_lines() if count.store_id else []
            walk = {}
            for guide_line in guide_lines:
                walk.setdefault(guide_line.product_id.id, guide_line.sequence)
            for line in lines:
                line.sequence = walk.get(line.product_id.id, line.sequence or 0)
        for line in self.filtered(lambda line: not line.count_id):
            line.sequence = line.sequence or 0

    def _compute_sequence_from_guide(self):
        self._compute_sequence()

    @api.depends("product_id")
    def _compute_unit_cost(self):
        for line in self:
            line.unit_cost = line.product_id.standard_price

    @api.depends("qty_counted", "qty_theoretical", "unit_cost", "product_uom_id")
    def _compute_difference(self):
        for line in self:
            line.qty_difference = line.qty_counted - line.qty_theoretical
            qty_product_uom = (
                line.product_uom_id._compute_quantity(
                    line.qty_difference, line.product_id.uom_id, round=False
                )
                if line.product_uom_id and line.product_id
                else line.qty_difference
            )
            line.amount_difference = qty_product_uom * line.unit_cost

    @api.constrains("qty_counted")
    def _check_qty_counted(self):
        for line in self:
            if line.qty_counted < 0:
                raise ValidationError(
                    _(
                        "Count %(count)s, line %(product)s: the Counted quantity"
                        " cannot be negative.",
                        count=line.count_id.name,
                        product=line.product_id.display_name,
                    )
                )

    @api.constrains("product_id", "count_id")
    def _check_guide_product(self):
        for count in self.count_id:
            guide_products = count._get_guide_lines().product_id
            for line in self.filtered(lambda line, count=count: line.count_id == count):
                if line.product_id not in guide_products:
                    raise ValidationError(
                        _(
                            "Count %(count)s, line %(product)s: the Product is not in"
                            " the order guide of store %(store)s.",
                            count=count.name,
                            product=line.product_id.display_name,
                            store=count.store_id.display_name,
                        )
                    )

    def _boh_input_label(self, vals):
        if not self:
            return super()._boh_input_label(vals)
        return ", ".join(line._boh_record_label() for line in self)

    def _boh_record_label(self):
        self.ensure_one()
        return _(
            "Count %(count)s, product %(product)s",
            count=self.count_id.name,
            product=self.product_id.display_name,
        )

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._check_count_draft()
        lines._update_qty_theoretical()
        return lines

    def write(self, vals):
        self._check_count_draft()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        self._check_count_draft()

    def _check_count_draft(self):
        """The lines of a posted count are what was applied to the stock."""
        if self._boh_guard_lifted():
            return
        for count in self.count_id.filtered(lambda c: c.state == "done"):
            raise UserError(
                _(
                    "Count %(count)s is posted: its lines cannot change.",
                    count=count.name,
                )
            )

    def _update_qty_theoretical(self):
        """Read the on-hand quantities of the store location in one query."""
        for count in self.count_id:
            lines = self.filtered(lambda line, count=count: line.count_id == count)
            location = count.store_id.lot_stock_id
            groups = (
                self.env["stock.quant"]
                .sudo()
                ._read_group(
                    [
                        ("location_id", "=", location.id),
                        ("product_id", "in", lines.product_id.ids),
                    ],
                    ["product_id"],
                    ["quantity:sum"],
                )
            )
            on_hand = {product.id: qty for product, qty in groups}
            # The on-hand quantity is the workflow's to write.
            for line in lines._boh_workflow():
                line.qty_theoretical = line.product_id.uom_id._compute_quantity(
                    on_hand.get(line.product_id.id, 0.0), line.product_uom_id
                )
