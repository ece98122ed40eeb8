from odoo import _, models
from odoo.exceptions import ValidationError

from odoo.addons.boh_base.services.inputs import check_number


class ProductTemplate(models.Model):
    _inherit = "product.template"

    def _boh_set_perishable(self, expiration_time, alert_time=1):
        """Make the products perishable: tracked by lots with an expiry date
        (``expiration_time`` days after receipt unless the supplier's notice
        gives one; alert ``alert_time`` days before), and their categories
        removed First Expiry First Out at every location."""
        for name, value in (
            (_("Expiration Date"), expiration_time),
            (_("Alert Date"), alert_time),
        ):
            check_number(value, ", ".join(self.mapped("name")), name, minimum=0)
        if alert_time > expiration_time:
            raise ValidationError(
                _(
                    "Products %(products)s: the alert (%(alert)s days before the "
                    "expiry) cannot come before the receipt (%(days)s days before).",
                    products=", ".join(self.mapped("name")),
                    alert=alert_time,
                    days=expiration_time,
                )
            )
        self.write(
            {
                "tracking": "lot",
                "use_expiration_date": True,
                "expiration_time": int(expiration_time),
                "alert_time": int(alert_time),
            }
        )
        fefo = self.env.ref("product_expiry.removal_fefo")
        self.categ_id.filtered(lambda c: c.removal_strategy_id != fefo).write(
            {"removal_strategy_id": fefo.id}
        )
        return True
