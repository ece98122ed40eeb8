from . import res_company
from . import res_config_settings
from . import mrp_bom
from . import mrp_bom_line
from . import product_template
from . import product_product
from . import product_supplierinfo
from . import boh_demo_loader
