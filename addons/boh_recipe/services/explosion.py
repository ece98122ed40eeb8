"""The recipe explosion: what one unit of a dish takes of each ingredient.

Recipes are Odoo bills of materials. A line whose product has a bill of
materials itself is a sub-recipe (a sauce, a dough, a prepped vegetable):

- a kit (phantom) BoM is made in the store when the dish is made, so the
  store consumes its ingredients;
- a normal BoM is made at the central kitchen and delivered to the stores
  as a stock item, so the store consumes the item itself.

``through="kit"`` explodes through kits only (what a store consumes);
``through="all"`` through every level (what the dish costs).

The explosion reads one level of the recipe tree at a time: one
``_bom_find`` for all the products of the level, their lines read in one
go by the ORM's prefetching, then the next level. The rows are then
resolved bottom-up with a memo, so a sub-recipe used by 300 dishes is
resolved once.
"""

from odoo import _
from odoo.exceptions import UserError

THROUGH = ("kit", "all")


def _recipe_edges(products, through):
    """{product id: [(component id, qty per unit)] or None} for the products
    and every product below them. ``None``: no BoM to explode (an
    ingredient). The quantity is in the component's unit, per 1.0 of the
    product's unit, with the line's yield applied."""
    env = products.env
    boms = env["mrp.bom"]
    bom_type = "phantom" if through == "kit" else False
    company_id = env.company.id
    edges = {}
    level = products
    while level:
        found = boms._bom_find(level, company_id=company_id, bom_type=bom_type)
        next_ids = set()
        for product in level:
            bom = found.get(product)
            if not bom:
                edges[product.id] = None
                continue
            # how many runs of the recipe one unit of the product is
            runs = (
                product.uom_id._compute_quantity(1.0, bom.product_uom_id, round=False)
                / bom.product_qty
            )
            row = []
            for line in bom.bom_line_ids:
                if line._skip_bom_line(product):
                    continue
                component = line.product_id
                gross = line.product_qty * runs / line._boh_check_yield()
                qty = line.product_uom_id._compute_quantity(
                    gross, component.uom_id, round=False
                )
                row.append((component.id, qty))
                next_ids.add(component.id)
            edges[product.id] = row
        level = products.browse(next_ids - edges.keys())
    return edges


def _cycle_error(env, cycle_ids):
    names = env["product.product"].browse(cycle_ids).mapped("display_name")
    return UserError(
        _(
            "These recipes use each other in a cycle: %(products)s.",
            products=" → ".join(names + names[:1]),
        )
    )


def recipe_matrix(products, through="kit"):
    """{dish id: {ingredient id: qty}}, see ``product.product._boh_recipe_matrix``."""
    if through not in THROUGH:
        raise UserError(
            _(
                "Unknown recipe explosion %(through)s: use kit or all.",
                through=through,
            )
        )
    products = products.browse(dict.fromkeys(products.ids))
    edges = _recipe_edges(products, through)
    rows = {}
    # iterative depth-first resolution: a stack of (product id, children
    # iterator); ``path`` holds the products being resolved, for cycles
    for root in products.ids:
        if root in rows or edges[root] is None:
            continue
        path = [root]
        on_path = {root}
        stack = [(root, iter(edges[root]))]
        while stack:
            pid, children = stack[-1]
            pushed = False
            for child, _qty in children:
                if child in rows or edges[child] is None:
                    continue
                if child in on_path:
                    raise _cycle_error(products.env, path[path.index(child) :])
                path.append(child)
                on_path.add(child)
                stack.append((child, iter(edges[child])))
                pushed = True
                break
            if pushed:
                continue
            row = {}
            for child, qty in edges[pid]:
                sub = rows.get(child)
                if sub is None:
                    row[child] = row.get(child, 0.0) + qty
                else:
                    for ingredient, sub_qty in sub.items():
                        row[ingredient] = row.get(ingredient, 0.0) + qty * sub_qty
            rows[pid] = row
            stack.pop()
            on_path.discard(path.pop())
    return {pid: dict(rows[pid]) for pid in products.ids if pid in rows}
