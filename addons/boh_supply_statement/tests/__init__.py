from . import test_statement
