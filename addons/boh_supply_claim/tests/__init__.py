from . import test_claim
