from . import boh_supply_proposal_refuse
from . import boh_supply_scorecard_wizard
from . import boh_supply_scorecard_line
