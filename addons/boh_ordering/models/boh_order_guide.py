from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class BohOrderGuide(models.Model):
    """What a store (or a group of stores) may order, from where and how much."""

    _name = "boh.order.guide"
    _description = "BOH Order Guide"
    _inherit = ["mail.thread"]
    _order = "name, id"

    name = fields.Char(required=True, tracking=True)
    active = fields.Boolean(default=True)
    store_ids = fields.Many2many(
        "boh.store",
        "boh_order_guide_store_rel",
        "guide_id",
        "store_id",
        string="Stores",
        domain="[('store_type', '=', 'store')]",
        tracking=True,
        help="Stores that order with this guide.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    line_ids = fields.One2many("boh.order.guide.line", "guide_id", copy=True)
    line_count = fields.Integer(compute="_compute_line_count")
    tolerance_pct = fields.Float(
        string="Override Tolerance (%)",
        default=10.0,
        help="An ordered quantity that differs from the suggestion by more than"
        " this percentage needs a reason.",
    )

    @api.depends("line_ids")
    def _compute_line_count(self):
        for guide in self:
            guide.line_count = len(guide.line_ids)

    @api.constrains("tolerance_pct")
    def _check_tolerance_pct(self):
        for guide in self:
            if guide.tolerance_pct < 0:
                raise ValidationError(
                    _(
                        "Order guide %(guide)s: the override tolerance cannot be"
                        " negative.",
                        guide=guide.name,
                    )
                )

    @api.model
    def _get_store_guide(self, store):
        """The guide a store orders with (the first active one listing it)."""
        return self.search([("store_ids", "in", store.id)], limit=1)

    def action_open_copy_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Copy Order Guide"),
            "res_model": "boh.order.guide.copy",
            "view_mode": "form",
            "target": "new",
            "context": {"default_guide_id": self.id},
        }

    def action_open_import_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Import Order Guide"),
            "res_model": "boh.order.guide.import",
            "view_mode": "form",
            "target": "new",
            "context": {"default_guide_id": self.id},
        }

    def action_export_xlsx(self):
        return self.env.ref(
            "boh_ordering.action_report_order_guide_xlsx"
        ).report_action(self)

    def _copy_to_stores(self, stores):
        """One copy of the guide per store; return the new guides."""
        self.ensure_one()
        new = self.env["boh.order.guide"]
        for store in stores:
            new |= self.copy(
                {
                    "name": _(
                        "%(guide)s - %(store)s", guide=self.name, store=store.code
                    ),
                    "store_ids": [(6, 0, store.ids)],
                }
            )
        return new


class BohOrderGuideLine(models.Model):
    _name = "boh.order.guide.line"
    _description = "BOH Order Guide Line"
    _inherit = ["boh.product.line.mixin", "boh.order.source.mixin"]
    _order = "guide_id, sequence, id"

    guide_id = fields.Many2one(
        "boh.order.guide", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(
        string="Walk Order",
        default=10,
        help="Order of the shelf walk: lines are counted and ordered in this order.",
    )
    product_id = fields.Many2one(domain="[('type', '=', 'consu')]")
    product_uom_id = fields.Many2one(string="Ordering Unit")
    pack_qty = fields.Float(
        string="Pack Size", default=1.0, digits="Product Unit of Measure"
    )
    qty_par = fields.Float(string="Par Level", digits="Product Unit of Measure")
    qty_min = fields.Float(string="Min", digits="Product Unit of Measure")
    qty_max = fields.Float(string="Max", digits="Product Unit of Measure")
    company_id = fields.Many2one(related="guide_id.company_id", store=True)

    _sql_constraints = [
        (
            "product_source_uniq",
            "unique(guide_id, product_id, source_type, source_store_id, partner_id)",
            "A product appears once per source in an order guide.",
        )
    ]

    def _boh_default_uom(self):
        """A guide orders in the purchase unit of the product."""
        self.ensure_one()
        return self.product_id.uom_po_id or self.product_id.uom_id

    def _boh_record_label(self):
        self.ensure_one()
        return _(
            "Order guide %(guide)s, product %(product)s",
            guide=self.guide_id.name,
            product=self.product_id.display_name,
        )

    @api.constrains("pack_qty", "qty_par", "qty_min", "qty_max")
    def _check_values(self):
        for line in self:
            if line.pack_qty <= 0:
                raise ValidationError(
                    _(
                        "%(line)s: the pack size must be positive.",
                        line=line._boh_record_label(),
                    )
                )
            if min(line.qty_par, line.qty_min, line.qty_max) < 0:
                raise ValidationError(
                    _(
                        "%(line)s: par, min and max cannot be negative.",
                        line=line._boh_record_label(),
                    )
                )
            if line.qty_max and line.qty_min > line.qty_max:
                raise ValidationError(
                    _(
                        "%(line)s: the min is above the max.",
                        line=line._boh_record_label(),
                    )
                )
