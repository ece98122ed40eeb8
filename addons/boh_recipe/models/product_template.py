from odoo import _, api, fields, models
from odoo.exceptions import AccessError

from odoo.addons.boh_base.services.inputs import (
    PERCENT,
    check_number,
    check_vals_numbers,
)

# who sees recipe costs: store managers and up, buyers, the executive,
# BOH admins and manufacturing managers (store staff see the recipe only)
COST_GROUPS = (
    "boh_base.group_boh_store_manager,boh_base.group_boh_buyer,"
    "boh_base.group_boh_executive,boh_base.group_boh_admin,mrp.group_mrp_manager"
)
# who edits recipes, targets and menu owners
EDITOR_GROUPS = (
    "boh_base.group_boh_buyer",
    "boh_base.group_boh_admin",
    "mrp.group_mrp_manager",
)
VARIANT_COST_FIELDS = (
    "boh_recipe_cost",
    "boh_food_cost_pct",
    "boh_margin",
    "boh_below_target",
    "boh_cost_missing",
    "boh_cost_missing_product_ids",
    "boh_cost_fallback_product_ids",
)
POLICY_FIELDS = ("boh_target_food_cost_pct", "boh_menu_owner_id")


class ProductTemplate(models.Model):
    _inherit = "product.template"

    boh_target_food_cost_pct = fields.Float(
        string="Target Food Cost (%)",
        digits=(5, 2),
        default=lambda self: self.env.company.boh_target_food_cost_pct,
        groups=COST_GROUPS,
        help="The dish is flagged when its food cost % (recipe cost / sales"
        " price) is above this target.",
    )
    boh_menu_owner_id = fields.Many2one(
        "res.users",
        string="Menu Owner",
        groups=COST_GROUPS,
        help="Responsible for the dish: gets a to-do when an ingredient's price"
        " takes the dish above its target food cost.",
    )
    # the costs of the template's single variant, for the product form
    boh_recipe_cost = fields.Float(
        string="Recipe Cost",
        compute="_compute_boh_recipe_cost",
        digits="Product Price",
        groups=COST_GROUPS,
    )
    boh_food_cost_pct = fields.Float(
        string="Food Cost (%)",
        compute="_compute_boh_recipe_cost",
        digits=(5, 2),
        groups=COST_GROUPS,
    )
    boh_margin = fields.Float(
        string="Contribution Margin",
        compute="_compute_boh_recipe_cost",
        digits="Product Price",
        groups=COST_GROUPS,
    )
    boh_below_target = fields.Boolean(
        string="Above Target Food Cost",
        compute="_compute_boh_recipe_cost",
        groups=COST_GROUPS,
    )
    boh_cost_missing = fields.Boolean(
        string="Cost Missing", compute="_compute_boh_recipe_cost", groups=COST_GROUPS
    )
    boh_cost_missing_product_ids = fields.Many2many(
        "product.product",
        string="Ingredients Without Cost",
        compute="_compute_boh_recipe_cost",
        groups=COST_GROUPS,
    )
    boh_cost_fallback_product_ids = fields.Many2many(
        "product.product",
        string="Costed Without Supplier Price",
        compute="_compute_boh_recipe_cost",
        groups=COST_GROUPS,
    )

    @api.depends(*(f"product_variant_ids.{name}" for name in VARIANT_COST_FIELDS))
    def _compute_boh_recipe_cost(self):
        for template in self:
            variant = template.product_variant_ids[:1]
            for name in VARIANT_COST_FIELDS:
                template[name] = variant[name] if variant else False

    @api.model
    def _boh_check_recipe_editor(self):
        if self.env.su or any(self.env.user.has_group(g) for g in EDITOR_GROUPS):
            return
        raise AccessError(
            _(
                "Only buyers, BOH administrators and manufacturing managers can"
                " change recipes, target food costs and menu owners."
            )
        )

    @api.model
    def _boh_check_target(self, records):
        for record in records:
            check_number(
                record.boh_target_food_cost_pct,
                record.display_name,
                record._fields["boh_target_food_cost_pct"]._description_string(
                    self.env
                ),
                **PERCENT,
            )

    @api.constrains("boh_target_food_cost_pct")
    def _check_boh_target_food_cost_pct(self):
        self._boh_check_target(self)

    def _boh_check_target_vals(self, vals):
        check_vals_numbers(
            self,
            vals,
            ["boh_target_food_cost_pct"],
            ", ".join(self.mapped("display_name")) or vals.get("name") or "",
            **PERCENT,
        )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._boh_check_target_vals(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._boh_check_target_vals(vals)
        if any(f in vals for f in POLICY_FIELDS):
            self._boh_check_recipe_editor()
        res = super().write(vals)
        if {"list_price", "boh_target_food_cost_pct"} & set(vals):
            self.product_variant_ids._boh_recompute_recipe_costs()
        return res
