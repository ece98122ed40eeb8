from . import test_explosion
from . import test_choice
from . import test_explanation
from . import test_access
