from . import boh_supply_forecast
