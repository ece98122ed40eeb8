from . import boh_claim
from . import boh_supply_scorecard
