from odoo import _, fields, models

from odoo.addons.boh_base.services.inputs import check_date


class BohReceiveWizardLot(models.TransientModel):
    """Perishable goods (product_expiry) are received with the expiry date
    printed on each lot: prefilled from the shipping notice, corrected at the
    dock, and carried to the lot so that FEFO and the expiry alerts use it."""

    _inherit = "boh.receive.wizard.lot"

    use_expiration_date = fields.Boolean(related="product_id.use_expiration_date")
    expiration_date = fields.Date(
        string="Expiry Date",
        help="The expiry date on the packaging. Left empty, the lot expires"
        " after the product's expiration time counted from today.",
    )

    def _prepare_move_line_values(self):
        values = super()._prepare_move_line_values()
        if self.expiration_date and self.use_expiration_date:
            order = self.wizard_id.order_id.name
            check_date(
                self.expiration_date,
                _("Order %(order)s, lot %(lot)s", order=order, lot=self.lot_name),
                _("Expiry Date"),
            )
            values["expiration_date"] = fields.Datetime.to_datetime(
                self.expiration_date
            )
        return values
