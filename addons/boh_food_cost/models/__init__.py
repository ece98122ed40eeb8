from . import boh_usage_theoretical
from . import boh_food_cost_period
from . import boh_food_cost_line
from . import boh_food_cost_waste
from . import boh_menu_engineering
from . import boh_demo_loader
from . import mrp_bom
from . import mrp_bom_line
