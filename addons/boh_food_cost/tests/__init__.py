from . import test_theoretical
from . import test_avt
from . import test_security
from . import test_suspects
from . import test_demo
from . import test_recipe_change
