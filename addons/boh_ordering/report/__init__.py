from . import boh_ordering_xlsx_base
from . import boh_order_guide_xlsx
from . import boh_store_order_xlsx
