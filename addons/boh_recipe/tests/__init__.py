from . import test_explosion
