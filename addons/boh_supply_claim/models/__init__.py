from . import boh_claim
from . import boh_supply_scorecard
from . import boh_supply_dashboard
from . import boh_demo_loader
