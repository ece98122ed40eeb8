from . import boh_supplier_statement_xlsx
