from . import test_supplier_rejection
from . import test_receive_expiry
