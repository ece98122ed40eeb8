from . import mrp_bom_line
from . import product_product
