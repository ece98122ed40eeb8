from . import test_count
from . import test_waste
from . import test_phone
from . import test_attacks_phone
from . import test_phone_ui
from . import test_store_ops_demo
