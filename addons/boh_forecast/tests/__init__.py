from . import test_lib
from . import test_ingestion
from . import test_run
from . import test_accuracy
from . import test_access
from . import test_api
from . import test_suggestions
from . import test_demo
