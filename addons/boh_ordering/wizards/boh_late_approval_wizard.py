from odoo import _, fields, models
from odoo.exceptions import UserError


class BohLateApprovalWizard(models.TransientModel):
    """Reason of a late approval request, or of its refusal."""

    _name = "boh.late.approval.wizard"
    _description = "BOH Late Order Approval"

    order_id = fields.Many2one(
        "boh.store.order", required=True, readonly=True, ondelete="cascade"
    )
    mode = fields.Selection(
        [("request", "Request"), ("refuse", "Refuse")],
        required=True,
        default="request",
        readonly=True,
    )
    delivery_date = fields.Date(related="order_id.delivery_date")
    cutoff_datetime = fields.Datetime(related="order_id.cutoff_datetime")
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        if not (self.reason or "").strip():
            raise UserError(
                _(
                    "Order %(order)s: give the reason (field Reason).",
                    order=self.order_id.name,
                )
            )
        if self.mode == "refuse":
            self.order_id._refuse_late_approval(self.reason)
        else:
            self.order_id._request_late_approval(self.reason)
        return {"type": "ir.actions.act_window_close"}
