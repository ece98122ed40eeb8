from . import test_supplier_rejection
