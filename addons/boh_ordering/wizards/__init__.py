from . import boh_receive_wizard
from . import boh_receive_wizard_line
from . import boh_receive_wizard_lot
from . import boh_order_guide_copy
from . import boh_order_guide_import
from . import boh_late_approval_wizard
