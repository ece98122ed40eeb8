from . import boh_claim_xlsx
from . import boh_waste_xlsx
