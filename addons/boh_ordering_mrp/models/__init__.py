from . import stock_move
from . import boh_store_order_fulfilment
from . import boh_kitchen_production
from . import boh_demo_loader
