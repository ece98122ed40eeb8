from . import boh_demand_import_wizard
