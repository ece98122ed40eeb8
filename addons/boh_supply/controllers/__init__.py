from . import portal_base
from . import portal_purchase
from . import portal_asn
from . import portal_bill
from . import portal_scorecard
from . import portal_forecast
