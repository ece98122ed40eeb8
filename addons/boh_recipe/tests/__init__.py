from . import test_explosion
from . import test_costing
from . import test_recipe_access
from . import test_recipe_demo
from . import test_settings
