from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

from odoo.addons.boh_base.services.inputs import check_number


class BohAsnLine(models.Model):
    _name = "boh.asn.line"
    _description = "Advance Shipping Notice Line"
    _inherit = ["boh.guard.mixin"]
    _order = "asn_id, id"
    # The notice and the order line a line announces: fixed at creation.
    _boh_create_only_fields = frozenset({"asn_id", "purchase_line_id"})

    asn_id = fields.Many2one("boh.asn", required=True, ondelete="cascade", index=True)
    purchase_line_id = fields.Many2one(
        "purchase.order.line", required=True, index=True, ondelete="restrict"
    )
    purchase_id = fields.Many2one(related="purchase_line_id.order_id", store=True)
    product_id = fields.Many2one(related="purchase_line_id.product_id", store=True)
    product_uom_id = fields.Many2one(
        related="purchase_line_id.product_uom", string="Unit"
    )
    tracking = fields.Selection(related="product_id.tracking")
    qty = fields.Float(
        string="Quantity", digits="Product Unit of Measure", required=True
    )
    lot_name = fields.Char(string="Lot Number")
    expiry_date = fields.Date()

    @api.constrains("qty")
    def _check_qty(self):
        for line in self:
            check_number(
                line.qty,
                _(
                    "Shipping notice %(asn)s, %(product)s",
                    asn=line.asn_id.name,
                    product=line.product_id.display_name,
                ),
                _("Quantity"),
            )
            if line.qty <= 0:
                raise ValidationError(
                    _(
                        "Shipping notice %(asn)s, %(product)s: the quantity must "
                        "be positive.",
                        asn=line.asn_id.name,
                        product=line.product_id.display_name,
                    )
                )

    def _check_lots(self, today):
        """Lots of tracked products on these lines of a notice: given, once
        per order line, with an expiry date when the product has one, not
        expired, and matching the expiry date of a lot of the same name
        already known."""
        seen = set()
        for line in self:
            product = line.product_id
            label = {"asn": line.asn_id.name, "product": product.display_name}
            if product.tracking != "none" and not line.lot_name:
                raise UserError(
                    _(
                        "Shipping notice %(asn)s, %(product)s: the product is "
                        "tracked by lot, give the lot number.",
                        **label,
                    )
                )
            if not line.lot_name:
                continue
            key = (line.asn_id.id, line.purchase_line_id.id, line.lot_name)
            if key in seen:
                raise UserError(
                    _(
                        "Shipping notice %(asn)s, %(product)s: lot %(lot)s is "
                        "given twice; give each lot once with its whole quantity.",
                        lot=line.lot_name,
                        **label,
                    )
                )
            seen.add(key)
            if product.use_expiration_date and not line.expiry_date:
                raise UserError(
                    _(
                        "Shipping notice %(asn)s, %(product)s: the product is "
                        "perishable, give the expiry date of lot %(lot)s.",
                        lot=line.lot_name,
                        **label,
                    )
                )
            if line.expiry_date and line.expiry_date < today:
                raise UserError(
                    _(
                        "Shipping notice %(asn)s, %(product)s: lot %(lot)s has "
                        "already expired (%(expiry)s).",
                        lot=line.lot_name,
                        expiry=format_date(self.env, line.expiry_date),
                        **label,
                    )
                )
        known = self._find_lots()
        for line in self.filtered(lambda rec: rec.lot_name and rec.expiry_date):
            lot = known.get((line.product_id.id, line.lot_name))
            if (
                lot
                and lot.expiration_date
                and lot.expiration_date.date() != line.expiry_date
            ):
                raise UserError(
                    _(
                        "Shipping notice %(asn)s, %(product)s: lot %(lot)s is "
                        "already known with the expiry date %(known)s, not "
                        "%(expiry)s.",
                        asn=line.asn_id.name,
                        product=line.product_id.display_name,
                        lot=line.lot_name,
                        known=format_date(self.env, lot.expiration_date.date()),
                        expiry=format_date(self.env, line.expiry_date),
                    )
                )

    def _find_lots(self):
        """The existing lots named by these lines, by (product id, lot name),
        of their notice's company or shared by all companies."""
        lines = self.filtered(
            lambda rec: rec.lot_name and rec.product_id.tracking == "lot"
        )
        if not lines:
            return {}
        # sudo: lots are read to be matched by product and name only; buyers
        # and the supplier's portal have no stock rights.
        lots = (
            self.env["stock.lot"]
            .sudo()
            .search(
                [
                    ("product_id", "in", lines.product_id.ids),
                    ("name", "in", lines.mapped("lot_name")),
                    ("company_id", "in", [*lines.asn_id.company_id.ids, False]),
                ],
                order="company_id",
            )
        )
        found = {}
        for lot in lots:
            # The notice's company's own lot wins over a shared one.
            found.setdefault((lot.product_id.id, lot.name), lot)
        return found

    def _get_or_create_lots(self):
        """The lots of these lines, created when new, with the expiry
        date the supplier gave (alert, removal and best-before dates follow
        from the product's settings)."""
        found = self._find_lots()
        vals_list = []
        tracked = self.filtered(
            lambda rec: rec.lot_name and rec.product_id.tracking == "lot"
        )
        for line in tracked:
            key = (line.product_id.id, line.lot_name)
            if key in found or any(
                (v["product_id"], v["name"]) == key for v in vals_list
            ):
                continue
            vals = {
                "product_id": line.product_id.id,
                "name": line.lot_name,
                "company_id": line.asn_id.company_id.id,
            }
            if line.expiry_date:
                vals["expiration_date"] = fields.Datetime.to_datetime(line.expiry_date)
            vals_list.append(vals)
        # sudo: the lots are made from a notice checked before it was sent
        # (tracked products, names and dates); buyers and the supplier's
        # portal have no stock rights.
        for lot in self.env["stock.lot"].sudo().create(vals_list):
            found[(lot.product_id.id, lot.name)] = lot
        for line in tracked.filtered("expiry_date"):
            lot = found[(line.product_id.id, line.lot_name)]
            if not lot.expiration_date:
                # sudo: see above; a lot known without a date gets the
                # supplier's.
                lot.sudo().expiration_date = fields.Datetime.to_datetime(
                    line.expiry_date
                )
        return found
