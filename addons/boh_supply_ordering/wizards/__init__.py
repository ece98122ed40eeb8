from . import boh_supply_resource_wizard
