from . import boh_demand_daily
