from . import test_shared_forecast
