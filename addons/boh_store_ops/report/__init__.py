from . import boh_waste_xlsx
