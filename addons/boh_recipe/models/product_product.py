from odoo import models

from ..services.explosion import recipe_matrix


class ProductProduct(models.Model):
    _inherit = "product.product"

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
