from . import boh_region
from . import boh_store
from . import product_template
from . import res_users
from . import boh_demo_loader
