from . import test_access_matrix
from . import test_rpc_attacks
from . import test_zh_cn
from . import test_zh_reports
