from odoo import _, api, fields, models

from ..services import costing
from ..services.explosion import recipe_matrix
from .product_template import COST_GROUPS

# names of the ingredients that moved, in an alert
ALERT_INGREDIENTS = 3


class ProductProduct(models.Model):
    _inherit = "product.product"

    # Written by the costing service only (services/costing.py). Stored on
    # the variant: the explosion, standard_price and lst_price are per
    # variant, and a variant may have its own BoM or BoM lines.
    boh_is_recipe = fields.Boolean(
        string="Has a Recipe", readonly=True, index=True, copy=False
    )
    boh_recipe_cost = fields.Float(
        string="Recipe Cost",
        digits="Product Price",
        readonly=True,
        copy=False,
        groups=COST_GROUPS,
        help="Cost of one unit of the product (one portion of a dish): its"
        " recipe exploded through every level, ingredients at the company's"
        " cost source, yields applied.",
    )
    boh_food_cost_pct = fields.Float(
        string="Food Cost (%)",
        digits=(5, 2),
        readonly=True,
        copy=False,
        aggregator="avg",
        groups=COST_GROUPS,
        help="Recipe cost / sales price (excluding tax).",
    )
    boh_margin = fields.Float(
        string="Contribution Margin",
        digits="Product Price",
        readonly=True,
        copy=False,
        groups=COST_GROUPS,
        help="Sales price (excluding tax) - recipe cost.",
    )
    boh_below_target = fields.Boolean(
        string="Above Target Food Cost",
        readonly=True,
        copy=False,
        groups=COST_GROUPS,
        help="The food cost % is above the dish's target.",
    )
    boh_cost_missing = fields.Boolean(
        string="Cost Missing",
        readonly=True,
        copy=False,
        groups=COST_GROUPS,
        help="Some ingredient of the recipe has no cost.",
    )
    boh_cost_missing_product_ids = fields.Many2many(
        "product.product",
        "boh_recipe_cost_missing_rel",
        "product_id",
        "ingredient_id",
        string="Ingredients Without Cost",
        readonly=True,
        copy=False,
        groups=COST_GROUPS,
    )
    boh_cost_fallback_product_ids = fields.Many2many(
        "product.product",
        "boh_recipe_cost_fallback_rel",
        "product_id",
        "ingredient_id",
        string="Costed Without Supplier Price",
        readonly=True,
        copy=False,
        groups=COST_GROUPS,
        help="Ingredients costed at their valuation cost because they have no"
        " valid supplier price (cost source: preferred supplier price).",
    )

    def _boh_recipe_matrix(self, through="kit"):
        """What one unit of each product takes of each ingredient.

        :param through: ``"kit"``: explode through kit (phantom) BoMs only,
            what a store consumes (a product with a normal BoM is made at the
            central kitchen and is an ingredient for the store); ``"all"``:
            through every BoM level, for costing.
        :return: ``{product id: {ingredient id: qty}}``, qty in the
            ingredient's ``uom_id`` per 1.0 of the product in its ``uom_id``,
            line yields applied at every level. Products without a BoM (for
            ``"kit"``: without a kit BoM) are absent. BoMs are those
            ``mrp.bom._bom_find`` returns for the environment's company.
        :raise UserError: recipes that use each other in a cycle.
        :raise ValidationError: a line with a yield not in (0, 100].
        """
        return recipe_matrix(self, through=through)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self.env["product.template"]._boh_check_target_vals(vals)
        return super().create(vals_list)

    def write(self, vals):
        # inherited from the template, checked before the variant rounds it
        self.product_tmpl_id._boh_check_target_vals(vals)
        res = super().write(vals)
        if "standard_price" in vals:
            self._boh_recost_where_used()
        return res

    def _boh_recompute_recipe_costs(self, moved=None):
        """Re-cost these products (those with a BoM) in one pass; with
        ``moved`` (ingredients whose price changed), alert the owners of the
        dishes that this takes above their target food cost."""
        crossed, matrix, costs = costing.recompute(self)
        if moved and crossed:
            self._boh_alert_food_cost(crossed, moved, matrix, costs)
        return crossed

    def _boh_recost_where_used(self, alert=True):
        """Re-cost these products and every recipe that uses them, at any
        depth; with ``alert``, their price moved: alert the dishes' owners."""
        # sudo: where-used reads every BoM, whoever changed the price
        products = self.sudo()
        recipes = costing.where_used(products) | products
        recipes.with_env(self.env)._boh_recompute_recipe_costs(
            moved=self if alert else None
        )

    def _boh_alert_recipients(self, dish, moved_used):
        """The dish's menu owner and the buyers of the ingredients that moved
        (their responsible); when neither is an active internal user, every
        buyer, so that the alert is not lost."""

        def people(users):
            return users.filtered(lambda u: u.active and not u.share)

        users = people(dish.boh_menu_owner_id | moved_used.responsible_id)
        # sudo: whoever moved the price may not read the buyers group
        buyers = self.env.ref("boh_base.group_boh_buyer").sudo().users
        return users or people(buyers)

    def _boh_alert_food_cost(self, crossed, moved, matrix, costs):
        """One to-do per dish and recipient, unless one is still open."""
        env = self.env
        activity_type = env.ref("boh_recipe.mail_activity_type_food_cost")
        # sudo: the alert is the system's; the user who moved a price (a
        # store manager's receipt) may not read costs nor write activities
        crossed = crossed.sudo()
        templates = crossed.product_tmpl_id
        open_pairs = set(
            (a.res_id, a.user_id.id)
            for a in env["mail.activity"]
            .sudo()
            .search(
                [
                    ("res_model", "=", "product.template"),
                    ("res_id", "in", templates.ids),
                    ("activity_type_id", "=", activity_type.id),
                ]
            )
        )
        model_id = env["ir.model"]._get_id("product.template")
        vals_list = []
        for dish in crossed:
            row = matrix[dish.id]
            used = [i for i in moved.ids if i in row]
            if not used:
                continue
            used.sort(key=lambda i: -row[i] * costs[i][0])
            moved_used = crossed.browse(used)
            for user in self._boh_alert_recipients(dish, moved_used):
                if (dish.product_tmpl_id.id, user.id) in open_pairs:
                    continue
                open_pairs.add((dish.product_tmpl_id.id, user.id))
                dish_in_lang = dish.with_context(lang=user.lang)
                vals_list.append(
                    {
                        "res_model_id": model_id,
                        "res_id": dish.product_tmpl_id.id,
                        "activity_type_id": activity_type.id,
                        "user_id": user.id,
                        **dish_in_lang._boh_alert_texts(moved_used[:ALERT_INGREDIENTS]),
                    }
                )
        if vals_list:
            # no e-mail per to-do: a price import may take many dishes above
            # target at once; the to-dos show in each user's activities
            env["mail.activity"].sudo().with_context(
                mail_activity_quick_update=True
            ).create(vals_list)

    def _boh_alert_texts(self, ingredients):
        """Summary and note of a food cost alert, in the context's language
        (the recipient's)."""
        self.ensure_one()
        # formatted before the call: the extraction of terms reads an
        # f-string argument of _() as part of the message
        pct = "%.1f" % self.boh_food_cost_pct
        target = "%.1f" % self.boh_target_food_cost_pct
        return {
            "summary": _("Food cost above target"),
            "note": _(
                "The food cost of %(dish)s is now %(pct)s%%, above its target"
                " of %(target)s%%, after the price of %(ingredients)s changed.",
                dish=self.display_name,
                pct=pct,
                target=target,
                ingredients=", ".join(
                    ingredients.with_env(self.env).mapped("display_name")
                ),
            ),
        }
