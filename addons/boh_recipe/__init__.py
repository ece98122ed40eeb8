from . import models
from . import wizards


def post_init_hook(env):
    """Cost the recipes that exist when the addon is installed."""
    for company in env["res.company"].search([]):
        company._boh_recompute_all_recipe_costs()
