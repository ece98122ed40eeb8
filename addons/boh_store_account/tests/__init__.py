from . import test_food_cost_access
from . import test_purchase_analytic
from . import test_store_account_demo
from . import test_store_analytic
from . import test_waste_accounting
