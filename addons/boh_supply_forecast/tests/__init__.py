from . import test_shared_forecast
from . import test_attacks
