from . import test_scorecard_lib
from . import test_ubl
from . import test_supply_flow
from . import test_portal_security
from . import test_ui
from . import test_dashboard
from . import test_scorecard_orm
from . import test_demo
