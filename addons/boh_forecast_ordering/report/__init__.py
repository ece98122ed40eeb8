from . import boh_forecast_value_added_xlsx
