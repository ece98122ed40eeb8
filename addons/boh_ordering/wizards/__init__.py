from . import boh_order_guide_copy
from . import boh_order_guide_import
from . import boh_late_approval_wizard
