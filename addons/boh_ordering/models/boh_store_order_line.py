import json
import math

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare, float_is_zero, float_round

from odoo.addons.boh_base.services.inputs import check_number

from .boh_input_mixin import LazyLabel

QTY_FIELDS = ("qty_ordered", "pack_qty", "price_unit")


class BohStoreOrderLine(models.Model):
    _name = "boh.store.order.line"
    _description = "BOH Store Order Line"
    _inherit = ["boh.product.line.mixin", "boh.guard.mixin"]
    _order = "order_id, sequence, id"
    # The suggestion and what it was computed from are written by the
    # suggestion refresh only: a suggestion typed to match the ordered
    # quantity would hide a deviation from its review.
    _boh_workflow_fields = frozenset(
        {
            "qty_suggested",
            "suggestion_explanation",
            "qty_on_hand",
            "qty_on_order",
            "qty_par",
            # what the source ships, set by the fulfilment
            "qty_to_ship",
        }
    )
    _boh_create_only_fields = frozenset({"order_id"})

    order_id = fields.Many2one(
        "boh.store.order", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10, help="Walk order of the guide.")
    guide_line_id = fields.Many2one("boh.order.guide.line", ondelete="set null")
    store_id = fields.Many2one(related="order_id.store_id", store=True, index=True)
    source_type = fields.Selection(related="order_id.source_type", store=True)
    source_store_id = fields.Many2one(related="order_id.source_store_id", store=True)
    partner_id = fields.Many2one(related="order_id.partner_id", store=True)
    state = fields.Selection(related="order_id.state", store=True)
    delivery_date = fields.Date(related="order_id.delivery_date", store=True)
    company_id = fields.Many2one(related="order_id.company_id", store=True)
    currency_id = fields.Many2one(related="order_id.currency_id")
    product_id = fields.Many2one(domain="[('type', '=', 'consu')]")
    pack_qty = fields.Float(
        string="Pack Size",
        default=1.0,
        digits="Product Unit of Measure",
        help="Quantities are ordered in multiples of this size (in the line's unit).",
    )
    qty_on_hand = fields.Float(string="On Hand", digits="Product Unit of Measure")
    qty_on_order = fields.Float(
        string="On Order",
        digits="Product Unit of Measure",
        help="Incoming to the store and not received yet.",
    )
    qty_par = fields.Float(string="Par", digits="Product Unit of Measure")
    qty_suggested = fields.Float(string="Suggested", digits="Product Unit of Measure")
    suggestion_explanation = fields.Json()
    qty_ordered = fields.Float(string="Ordered", digits="Product Unit of Measure")
    qty_packs = fields.Float(
        string="Packs", compute="_compute_qty_packs", digits=(16, 2)
    )
    override_reason = fields.Char()
    deviation_pct = fields.Float(
        string="Deviation (%)", compute="_compute_deviation", store=True
    )
    needs_reason = fields.Boolean(compute="_compute_deviation", store=True)
    suggestion_status = fields.Selection(
        [
            ("none", "No Suggestion"),
            ("followed", "Followed"),
            ("adjusted", "Adjusted"),
            ("overridden", "Overridden"),
        ],
        compute="_compute_deviation",
        store=True,
        help="Followed: ordered as suggested; adjusted: within the tolerance;"
        " overridden: beyond it.",
    )
    price_unit = fields.Float(string="Unit Price", digits="Product Price")
    price_subtotal = fields.Monetary(
        string="Amount", compute="_compute_price_subtotal", store=True
    )

    def _boh_default_uom(self):
        """Orders are made in the purchase unit of the product."""
        self.ensure_one()
        return self.product_id.uom_po_id or self.product_id.uom_id

    @api.depends("qty_ordered", "pack_qty")
    def _compute_qty_packs(self):
        for line in self:
            line.qty_packs = line.qty_ordered / line.pack_qty if line.pack_qty else 0.0

    @api.depends(
        "qty_ordered",
        "qty_suggested",
        "suggestion_explanation",
        "order_id.guide_id.tolerance_pct",
    )
    def _compute_deviation(self):
        for line in self:
            if not line.suggestion_explanation:
                line.deviation_pct = 0.0
                line.needs_reason = False
                line.suggestion_status = "none"
                continue
            diff = abs(line.qty_ordered - line.qty_suggested)
            if float_is_zero(diff, precision_digits=4):
                pct = 0.0
            elif float_is_zero(line.qty_suggested, precision_digits=4):
                pct = 100.0
            else:
                pct = diff / line.qty_suggested * 100.0
            line.deviation_pct = pct
            tolerance = line.order_id.tolerance_pct
            line.needs_reason = pct > tolerance
            line.suggestion_status = (
                "followed"
                if not pct
                else "adjusted"
                if pct <= tolerance
                else "overridden"
            )

    @api.depends("qty_ordered", "price_unit")
    def _compute_price_subtotal(self):
        for line in self:
            line.price_subtotal = line.qty_ordered * line.price_unit

    # -- input checks --------------------------------------------------------
    def _check_numeric_vals(self, vals):
        """Turn typed quantities into numbers; name the line when one is not
        a finite number in range (negative ones are refused by
        ``_check_values``, which names the product).

        The line's name is read only for the error (writes are frequent).
        """
        for fname in QTY_FIELDS:
            value = vals.get(fname)
            if value is None or value is False:
                continue
            vals[fname] = check_number(
                value,
                LazyLabel(lambda: self._numeric_label(vals)),
                self._fields[fname]._description_string(self.env),
            )

    def _numeric_label(self, vals):
        products = self.product_id
        if not products and isinstance(vals.get("product_id"), int):
            products = self.env["product.product"].browse(vals["product_id"]).exists()
        return _(
            "Store order line %(row)s",
            row=", ".join(products.mapped("display_name"))
            or vals.get("product_id")
            or "",
        )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_numeric_vals(vals)
        lines = super().create(vals_list)
        lines._check_editable()
        return lines

    def write(self, vals):
        self._check_numeric_vals(vals)
        # The suggestion refresh may run on any line it can read; everything
        # else changes only on draft orders.
        if set(vals) - self._boh_workflow_fields:
            self._check_editable()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        self._check_editable()

    def _check_editable(self):
        for order in self.order_id:
            if order.state != "draft" and not self.env.su:
                raise UserError(
                    _(
                        "Order %(order)s is not a draft any more: its lines cannot"
                        " change.",
                        order=order.name,
                    )
                )

    def _boh_record_label(self):
        """How an error names the line (read only when there is an error)."""
        self.ensure_one()
        return _(
            "Order %(order)s, product %(product)s",
            order=self.order_id.name,
            product=self.product_id.display_name,
        )

    @api.constrains("qty_ordered", "pack_qty", "price_unit")
    def _check_values(self):
        for line in self:
            if float_compare(line.qty_ordered, 0.0, precision_digits=6) < 0:
                raise ValidationError(
                    _(
                        "%(line)s: the ordered quantity cannot be negative.",
                        line=line._boh_record_label(),
                    )
                )
            if line.price_unit < 0:
                raise ValidationError(
                    _(
                        "%(line)s: the unit price cannot be negative.",
                        line=line._boh_record_label(),
                    )
                )
            if line.pack_qty <= 0:
                raise ValidationError(
                    _(
                        "%(line)s: the pack size must be positive.",
                        line=line._boh_record_label(),
                    )
                )

    @api.constrains("product_id", "order_id")
    def _check_product_in_guide(self):
        # Only when the product or the order changes: suggestions rewrite the
        # quantities of every line, one write per line.
        guide_products = {}
        for line in self:
            order = line.order_id
            if order.guide_id:
                if order not in guide_products:
                    guide_products[order] = set(order._get_guide_lines().product_id.ids)
                if line.product_id.id not in guide_products[order]:
                    raise ValidationError(
                        _(
                            "%(line)s: the product is not in order guide %(guide)s"
                            " for this source (field Product).",
                            line=line._boh_record_label(),
                            guide=order.guide_id.name,
                        )
                    )

    def _check_before_submit(self):
        for line in self:
            label = line._boh_record_label()
            if line.needs_reason and not (line.override_reason or "").strip():
                raise ValidationError(
                    _(
                        "%(line)s: the ordered quantity differs from the suggestion"
                        " by %(pct).0f%%; give a reason (field Override Reason).",
                        line=label,
                        pct=line.deviation_pct,
                    )
                )
            packs = line.qty_ordered / line.pack_qty
            if float_compare(packs, round(packs), precision_digits=3):
                raise ValidationError(
                    _(
                        "%(line)s: order whole packs of %(pack)s (field Ordered).",
                        line=label,
                        pack=line.pack_qty,
                    )
                )

    @api.onchange("qty_ordered")
    def _onchange_qty_ordered_round(self):
        """Round a typed quantity up to whole packs."""
        for line in self:
            line.qty_ordered = line._round_to_pack(line.qty_ordered)

    def _round_to_pack(self, qty):
        self.ensure_one()
        pack = self.pack_qty or 1.0
        if qty <= 0:
            return 0.0
        return float_round(math.ceil(round(qty / pack, 6)) * pack, precision_digits=6)

    # -- quick entry ---------------------------------------------------------
    def action_qty_plus(self):
        for line in self:
            line.qty_ordered = line._round_to_pack(line.qty_ordered + line.pack_qty)
        return True

    def action_qty_minus(self):
        for line in self:
            line.qty_ordered = max(
                0.0, line._round_to_pack(line.qty_ordered - line.pack_qty)
            )
        return True

    # -- suggestions (hook) ---------------------------------------------------
    def _get_suggestions(self):
        """Suggested quantity of every line of ``self``, in one batch.

        Returns ``{line.id: {"qty": float, "explanation": dict}}``. The default
        is the par level: ``max(0, par - on hand - on order)`` rounded up to
        whole packs. ``boh_forecast`` overrides it with a forecast.
        """
        result = {}
        for line in self:
            raw = max(0.0, line.qty_par - line.qty_on_hand - line.qty_on_order)
            result[line.id] = {
                "qty": line._round_to_pack(raw),
                "explanation": {
                    "method": "par",
                    "par": line.qty_par,
                    "on_hand": line.qty_on_hand,
                    "on_order": line.qty_on_order,
                    "rounding": line.pack_qty,
                },
            }
        return result

    def _read_stock_figures(self):
        """{(store id, product id): (on hand, on order)} in the product's unit.

        Two ``_read_group`` per store, whatever the number of lines.
        """
        figures = {}
        for store in self.store_id:
            products = self.filtered(lambda ln, s=store: ln.store_id == s).product_id
            # sudo: stock figures of the user's own store, read-only aggregates.
            locations = (
                self.env["stock.location"]
                .sudo()
                .search([("id", "child_of", store.lot_stock_id.id)])
            )
            on_hand = (
                self.env["stock.quant"]
                .sudo()
                ._read_group(
                    [
                        ("product_id", "in", products.ids),
                        ("location_id", "in", locations.ids),
                    ],
                    ["product_id"],
                    ["quantity:sum"],
                )
            )
            on_order = (
                self.env["stock.move"]
                .sudo()
                ._read_group(
                    [
                        ("product_id", "in", products.ids),
                        ("location_dest_id", "in", locations.ids),
                        ("location_id", "not in", locations.ids),
                        ("state", "not in", ("draft", "done", "cancel")),
                    ],
                    ["product_id"],
                    ["product_qty:sum"],
                )
            )
            hand = {p.id: qty for p, qty in on_hand}
            incoming = {p.id: qty for p, qty in on_order}
            for product in products:
                figures[store.id, product.id] = (
                    hand.get(product.id, 0.0),
                    incoming.get(product.id, 0.0),
                )
        return figures

    def _refresh_suggestions(self, set_ordered=None):
        """Read stock, ask ``_get_suggestions`` once and write in batch.

        The ordered quantity follows the new suggestion on ``set_ordered`` lines
        and on lines where it still equals the previous suggestion.
        """
        if not self:
            return
        set_ordered = set_ordered or self.browse()
        figures = self._read_stock_figures()
        stock_vals = []
        for line in self:
            hand, incoming = figures[line.store_id.id, line.product_id.id]
            uom = line.product_id.uom_id
            stock_vals.append(
                {
                    "qty_on_hand": uom._compute_quantity(
                        hand, line.product_uom_id, round=False
                    ),
                    "qty_on_order": uom._compute_quantity(
                        incoming, line.product_uom_id, round=False
                    ),
                }
            )
        # The suggestion refresh is the workflow that writes these fields.
        self._boh_workflow()._write_grouped(stock_vals)
        suggestions = self._get_suggestions()
        vals_list = []
        for line in self:
            suggestion = suggestions.get(line.id) or {"qty": 0.0, "explanation": {}}
            vals = {
                "qty_suggested": suggestion["qty"],
                "suggestion_explanation": suggestion["explanation"],
            }
            if line in set_ordered or not float_compare(
                line.qty_ordered, line.qty_suggested, precision_digits=6
            ):
                vals["qty_ordered"] = suggestion["qty"]
            vals_list.append(vals)
        self._boh_workflow()._write_grouped(vals_list)

    def _write_grouped(self, vals_list):
        """Write ``vals_list[i]`` on ``self[i]``: one ``write`` per distinct value."""
        groups = {}
        for line, vals in zip(self, vals_list, strict=True):
            key = json.dumps(vals, sort_keys=True, default=str)
            groups.setdefault(key, [vals, []])[1].append(line.id)
        for vals, ids in groups.values():
            # prefetch: what a write reads is fetched for every line at once
            self.browse(ids).with_prefetch(self._prefetch_ids).write(vals)
