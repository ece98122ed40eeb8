from . import test_pos_ingestion
