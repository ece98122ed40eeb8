from . import boh_forecast_accuracy_xlsx
