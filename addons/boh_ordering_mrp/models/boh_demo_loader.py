from odoo import api, models


class BohDemoLoader(models.AbstractModel):
    _inherit = "boh.demo.loader"

    @api.model
    def load_ordering_mrp_demo(self):
        """Demo of boh_ordering_mrp: the central kitchen's recipes and
        Manufacture route (see ``_load_demo_part``); the kitchen orders the
        stores place from then on are manufactured."""

        def load(result):
            sites = result["sites"]
            central = {
                site.site_type: sites[site.code]
                for site in result["chain"].sites
                if site.site_type in ("warehouse", "kitchen")
            }
            self._demo_kitchen_recipes(self._quiet_env(), central)

        return self._load_demo_part(load)

    def _demo_kitchen_recipes(self, env, central):
        """The kitchen cooks its products from central warehouse ingredients."""
        super()._demo_kitchen_recipes(env, central)
        kitchen = central.get("kitchen")
        if not kitchen:
            return
        guide_lines = env["boh.order.guide.line"].search(
            [("source_store_id", "in", [site.id for site in central.values()])]
        )
        cooked = guide_lines.filtered(
            lambda gl: gl.source_type == "central_kitchen"
        ).product_id
        ingredients = guide_lines.filtered(
            lambda gl: gl.source_type == "central_warehouse"
        ).product_id
        route = env["boh.store.order"]._boh_kitchen_route(kitchen.warehouse_id)
        if not cooked or not ingredients or not route:
            return
        Bom = env["mrp.bom"].sudo()
        existing = Bom.search([("product_tmpl_id", "in", cooked.product_tmpl_id.ids)])
        vals_list = []
        for index, product in enumerate(
            cooked - existing.product_tmpl_id.product_variant_ids
        ):
            components = (
                ingredients[index % len(ingredients)]
                | ingredients[(index + 1) % len(ingredients)]
            )
            vals_list.append(
                {
                    "product_tmpl_id": product.product_tmpl_id.id,
                    "product_qty": 10.0,
                    "product_uom_id": product.uom_id.id,
                    "bom_line_ids": [
                        (0, 0, {"product_id": comp.id, "product_qty": 1.0})
                        for comp in components
                    ],
                }
            )
        Bom.create(vals_list)
        cooked.sudo().write({"route_ids": [(4, route.id)]})
