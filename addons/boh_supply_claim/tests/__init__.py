from . import test_claim
from . import test_claim_demo
from . import test_claim_attacks
