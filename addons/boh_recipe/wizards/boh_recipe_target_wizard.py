from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.boh_base.services.inputs import PERCENT, check_vals_numbers


class BohRecipeTargetWizard(models.TransientModel):
    """Set the target food cost % and the menu owner of dishes.

    Buyers read products but do not write them (Odoo gives purchase users
    read only on products); these two fields are the buyer's policy on a
    dish, so they are set here, after the recipe editor check, and nothing
    else of the product can be written this way.
    """

    _name = "boh.recipe.target.wizard"
    _description = "Set Target Food Cost and Menu Owner"

    product_tmpl_ids = fields.Many2many(
        "product.template", string="Dishes", required=True
    )
    set_target = fields.Boolean(string="Change Target", default=True)
    target_food_cost_pct = fields.Float(
        string="Target Food Cost (%)",
        digits=(5, 2),
        help="The dishes are flagged when their food cost % is above it.",
    )
    set_owner = fields.Boolean(string="Change Menu Owner", default=True)
    menu_owner_id = fields.Many2one(
        "res.users",
        string="Menu Owner",
        domain=[("share", "=", False)],
        help="Gets a to-do when an ingredient's price takes one of the dishes"
        " above its target. Empty: no owner.",
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        model = self.env.context.get("active_model")
        ids = self.env.context.get("active_ids") or []
        if model == "product.product":
            templates = self.env[model].browse(ids).product_tmpl_id
        elif model == "product.template":
            templates = self.env[model].browse(ids)
        else:
            return values
        values["product_tmpl_ids"] = [fields.Command.set(templates.ids)]
        if len(templates) == 1:
            values["target_food_cost_pct"] = templates.boh_target_food_cost_pct
            values["menu_owner_id"] = templates.boh_menu_owner_id.id
        else:
            # several dishes: nothing changes until the user ticks what to
            # set, so that Apply does not overwrite their targets and owners
            values["set_target"] = values["set_owner"] = False
            values["target_food_cost_pct"] = self.env.company.boh_target_food_cost_pct
        return values

    def _label(self, vals):
        templates = self.product_tmpl_ids
        if not templates:
            ids = []
            for command in vals.get("product_tmpl_ids") or []:
                if command[0] == fields.Command.SET:
                    ids = list(command[2])
                elif command[0] == fields.Command.LINK:
                    ids.append(command[1])
            templates = self.env["product.template"].browse(ids).exists()
        return ", ".join(templates.mapped("display_name")) or self._description

    def _check_vals(self, vals):
        check_vals_numbers(
            self,
            vals,
            ["target_food_cost_pct"],
            self._label(vals),
            **PERCENT,
        )

    @api.model_create_multi
    def create(self, vals_list):
        self.env["product.template"]._boh_check_recipe_editor()
        for vals in vals_list:
            self._check_vals(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._check_vals(vals)
        return super().write(vals)

    def action_apply(self):
        self.ensure_one()
        Template = self.env["product.template"]
        Template._boh_check_recipe_editor()
        templates = self.product_tmpl_ids
        # the dishes must be readable by the user (record rules of companies)
        templates.check_access("read")
        vals = {}
        if self.set_target:
            vals["boh_target_food_cost_pct"] = self.target_food_cost_pct
        if self.set_owner:
            owner = self.menu_owner_id
            if owner and owner.share:
                raise UserError(
                    _(
                        "%(dishes)s: the menu owner %(user)s is not an internal user.",
                        dishes=self._label({}),
                        user=owner.display_name,
                    )
                )
            vals["boh_menu_owner_id"] = owner.id
        if not vals:
            raise UserError(
                _(
                    "%(dishes)s: choose what to change (target or menu owner).",
                    dishes=self._label({}),
                )
            )
        # sudo: the user is a recipe editor (checked above) who may read the
        # dishes; only the target and the menu owner are written, the fields
        # a buyer sets on a dish, which Odoo's purchase rights would refuse.
        templates.sudo().write(vals)
        return {"type": "ir.actions.act_window_close"}
