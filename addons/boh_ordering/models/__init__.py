from . import boh_input_mixin

# Odoo models the store order's fulfilment extends: their tables (stock.move's
# boh_order_line_id) exist before the views of boh_order_consolidation read them.
from . import procurement_group
from . import stock_move
from . import stock_quant
from . import account_analytic_distribution_model
from . import boh_store_document_mixin
from . import boh_product_line_mixin
from . import boh_order_source_mixin
from . import boh_store_order_fulfilment
from . import boh_store_order
from . import boh_store_order_guide
from . import boh_store_order_late
from . import boh_store_order_receipt
from . import boh_store_order_line
from . import boh_store_order_line_ship
from . import boh_store_order_line_receipt
from . import boh_store_order_tier
from . import boh_order_guide
from . import boh_order_schedule
from . import boh_store_budget
from . import boh_order_consolidation
from . import boh_store_order_shortfall
from . import boh_demo_loader
from . import purchase_order
from . import purchase_order_line
from . import stock_rule
from . import stock_picking
