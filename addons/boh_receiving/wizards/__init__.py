from . import boh_receive_wizard
from . import boh_receive_wizard_line
from . import boh_receive_wizard_lot
