from . import test_access
from . import test_chain_generator
from . import test_demo_loader
from . import test_ui
from . import test_roles
from . import test_stock_scoping
