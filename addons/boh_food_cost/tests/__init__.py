from . import test_theoretical
from . import test_avt
