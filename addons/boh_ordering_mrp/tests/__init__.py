from . import test_kitchen_manufacture
from . import test_kitchen_production
from . import test_attacks_mrp
