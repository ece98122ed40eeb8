from . import test_suggestions
from . import test_value_added
from . import test_orderpoints
from . import test_exceptions
from . import test_attacks
