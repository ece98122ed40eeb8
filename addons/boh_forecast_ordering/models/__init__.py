from . import boh_forecast_exception
from . import boh_forecast_run
from . import boh_forecast_run_store
from . import boh_forecast_value_added
from . import boh_store_order_line
from . import stock_warehouse_orderpoint
