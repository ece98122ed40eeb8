from odoo import fields, models


class BohRegion(models.Model):
    _inherit = "boh.region"

    analytic_plan_id = fields.Many2one(
        "account.analytic.plan",
        string="Analytic Plan",
        readonly=True,
        copy=False,
        help="Sub-plan of the plan Stores holding the accounts of the region's"
        " sites (made with the first of them).",
    )

    def _boh_get_analytic_plans(self):
        """{region: plan} for these regions, making the missing sub-plans of
        Stores (a sub-region's plan is a sub-plan of its parent's)."""
        stores_plan = self.env.ref("boh_store_account.analytic_plan_stores")
        # sudo: plans are accounting configuration that store roles and area
        # managers cannot read; the plan only mirrors the region.
        Plan = self.env["account.analytic.plan"].sudo()
        result = {}
        for region in self.sudo().sorted(lambda r: r.parent_path or ""):
            todo = []
            node = region
            while node and not node.analytic_plan_id:
                todo.append(node)
                node = node.parent_id
            for node in reversed(todo):
                parent_plan = node.parent_id.analytic_plan_id or stores_plan
                node.analytic_plan_id = Plan.create(
                    {"name": node.name, "parent_id": parent_plan.id}
                )
            result[region.with_env(self.env)] = region.analytic_plan_id
        return result

    def write(self, vals):
        res = super().write(vals)
        if "name" in vals:
            for region in self.sudo().filtered("analytic_plan_id"):
                # sudo: the plan mirrors the region (see above).
                region.analytic_plan_id.name = region.name
        return res
