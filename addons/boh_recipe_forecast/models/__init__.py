from . import res_company
from . import boh_forecast_recipe_choice
from . import boh_forecast_run_store
from . import boh_store_order_line
