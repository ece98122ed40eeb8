from . import boh_store_order
from . import boh_store_order_line
from . import purchase_order
