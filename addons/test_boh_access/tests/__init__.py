from . import test_access_matrix
from . import test_rpc_attacks
from . import test_zh_cn
from . import test_zh_reports
from . import test_attacks_store_ops
from . import test_bad_input
from . import test_reports
from . import test_attacks_food_cost
