from odoo import api, fields, models

from odoo.addons.boh_base.services.inputs import PERCENT, check_vals_numbers


class ResCompany(models.Model):
    _inherit = "res.company"

    boh_recipe_cost_source = fields.Selection(
        [
            ("valuation", "Valuation cost"),
            ("supplier", "Preferred supplier price"),
        ],
        string="Recipe Cost Source",
        default="valuation",
        required=True,
        help="Valuation cost: the ingredient's cost in the stock valuation."
        " Preferred supplier price: the first valid supplier price of the"
        " ingredient (by sequence, for one unit), in the ingredient's unit and"
        " the company's currency; the valuation cost when it has no supplier"
        " price.",
    )
    boh_target_food_cost_pct = fields.Float(
        string="Default Target Food Cost (%)",
        default=30.0,
        help="Target food cost % given to new dishes.",
    )

    def write(self, vals):
        # checked before the ORM rounds NaN or an infinity into a server error
        check_vals_numbers(
            self,
            vals,
            ["boh_target_food_cost_pct"],
            ", ".join(self.mapped("display_name")),
            **PERCENT,
        )
        res = super().write(vals)
        if "boh_recipe_cost_source" in vals:
            for company in self:
                company._boh_recompute_all_recipe_costs()
        return res

    @api.constrains("boh_target_food_cost_pct")
    def _check_boh_target_food_cost_pct(self):
        self.env["product.template"]._boh_check_target(self)

    def _boh_recompute_all_recipe_costs(self):
        """Re-cost every product that has a BoM, for this company."""
        self.ensure_one()
        boms = (
            self.env["mrp.bom"].sudo().search([("company_id", "in", (False, self.id))])
        )
        products = (
            boms.product_id
            | boms.filtered(
                lambda bom: not bom.product_id
            ).product_tmpl_id.product_variant_ids
        )
        # sudo: the search reads every BoM of the company to re-cost it; the
        # costs written are the system's, not the user's (see the service)
        products |= (
            self.env["product.product"].sudo().search([("boh_is_recipe", "=", True)])
        )
        products.with_company(self)._boh_recompute_recipe_costs()
