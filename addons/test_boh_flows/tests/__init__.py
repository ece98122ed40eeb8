from . import test_flows
from . import test_portal_tour
