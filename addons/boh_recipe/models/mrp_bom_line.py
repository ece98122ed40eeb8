from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.boh_base.services.inputs import PERCENT, check_vals_numbers


class MrpBomLine(models.Model):
    _inherit = "mrp.bom.line"

    boh_yield_pct = fields.Float(
        string="Yield (%)",
        default=100.0,
        digits=(5, 2),
        help="Usable share of the ingredient after trimming and cooking loss."
        " The recipe uses the quantity divided by the yield: 1 kg at 80% yield"
        " takes 1.25 kg of the ingredient.",
    )

    @api.constrains("boh_yield_pct")
    def _check_boh_yield_pct(self):
        for line in self:
            line._boh_check_yield()

    def _boh_check_yield(self):
        """The yield as a fraction, or a ValidationError naming BoM, product
        and field."""
        self.ensure_one()
        pct = self.boh_yield_pct
        if not 0.0 < pct <= 100.0:
            raise ValidationError(
                _(
                    "Bill of materials %(bom)s, ingredient %(product)s: the"
                    " %(field)s must be more than 0 and at most 100, not"
                    " %(value)s.",
                    bom=self.bom_id.display_name,
                    product=self.product_id.display_name,
                    field=self._fields["boh_yield_pct"]._description_string(self.env),
                    value=pct,
                )
            )
        return pct / 100.0

    def _boh_yield_label(self, vals):
        """How an error about ``vals`` names the line: BoM and ingredient."""
        pairs = [(line.bom_id, line.product_id) for line in self] or [
            (
                self.env["mrp.bom"].browse(vals.get("bom_id")).exists(),
                self.env["product.product"].browse(vals.get("product_id")).exists(),
            )
        ]
        return ", ".join(
            self.env._(
                "Bill of materials %(bom)s, ingredient %(product)s",
                bom=bom.display_name or "",
                product=product.display_name or "",
            )
            for bom, product in pairs
        )

    def _boh_check_yield_vals(self, vals):
        if vals.get("boh_yield_pct") in (None, False):
            return
        check_vals_numbers(
            self,
            vals,
            ["boh_yield_pct"],
            self._boh_yield_label(vals),
            **PERCENT,
        )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._boh_check_yield_vals(vals)
        lines = super().create(vals_list)
        lines.bom_id._boh_products()._boh_recost_where_used(alert=False)
        return lines

    def write(self, vals):
        self._boh_check_yield_vals(vals)
        boms = self.bom_id
        res = super().write(vals)
        (boms | self.bom_id)._boh_products()._boh_recost_where_used(alert=False)
        return res

    def unlink(self):
        boms = self.bom_id
        res = super().unlink()
        boms.exists()._boh_products()._boh_recost_where_used(alert=False)
        return res
