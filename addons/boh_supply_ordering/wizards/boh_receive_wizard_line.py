from odoo import fields, models


class BohReceiveWizardLine(models.TransientModel):
    _inherit = "boh.receive.wizard.line"

    def _prepare_lot_line_values(self, move_line, name):
        values = super()._prepare_lot_line_values(move_line, name)
        expiry = move_line.expiration_date or move_line.lot_id.expiration_date
        if expiry and self.product_id.use_expiration_date:
            values["expiration_date"] = fields.Datetime.context_timestamp(
                self, expiry
            ).date()
        return values
