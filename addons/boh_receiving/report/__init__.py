from . import boh_claim_xlsx
