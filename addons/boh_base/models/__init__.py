from . import boh_guard_mixin
from . import boh_region
from . import boh_store
from . import product_template
from . import res_groups
from . import res_users
from . import stock_warehouse
from . import boh_demo_loader
