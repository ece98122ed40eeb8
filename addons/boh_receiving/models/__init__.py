from . import boh_claim
from . import boh_store_order
from . import boh_store_order_line
from . import stock_picking
from . import boh_demo_loader
