from . import boh_inspection_template_import
