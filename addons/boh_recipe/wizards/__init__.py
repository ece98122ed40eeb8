from . import boh_recipe_target_wizard
