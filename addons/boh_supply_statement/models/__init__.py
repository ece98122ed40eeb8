from . import boh_supplier_statement_answers
from . import boh_supplier_statement
from . import boh_supplier_statement_line
from . import boh_demo_loader
