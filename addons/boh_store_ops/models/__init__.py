from . import boh_stock_count
from . import boh_stock_count_line
from . import boh_stock_count_phone
from . import boh_waste
from . import boh_demo_loader
