from . import test_statement
from . import test_statement_answers
from . import test_statement_access
from . import test_statement_portal
from . import test_statement_demo
from . import test_statement_zh_cn
