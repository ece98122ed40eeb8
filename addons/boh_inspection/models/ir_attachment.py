from odoo import _, api, models
from odoo.exceptions import UserError


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    def _boh_locked_inspections(self):
        """Signed inspections whose photos or signature these attachments are."""
        answers = self.filtered(lambda a: a.res_model == "boh.inspection.answer")
        signatures = self.filtered(
            lambda a: a.res_model == "boh.inspection" and a.res_field == "signature"
        )
        # sudo: the lock applies whoever touches the attachment.
        inspections = (
            self.env["boh.inspection"].sudo().browse(signatures.mapped("res_id"))
        )
        if answers:
            inspections |= (
                self.env["boh.inspection.answer"]
                .sudo()
                .browse(answers.mapped("res_id"))
                .exists()
                .inspection_id
            )
        return inspections.exists().filtered(lambda i: i.state == "signed")

    def _boh_check_lock(self):
        locked = self._boh_locked_inspections()
        if locked and not locked.with_env(self.env)._is_override():
            raise UserError(
                _(
                    "Inspection %(inspection)s is signed and locked: its photos and"
                    " signature cannot change.",
                    inspection=", ".join(locked.mapped("name")),
                )
            )
        return locked

    @api.model_create_multi
    def create(self, vals_list):
        answer_ids = [
            vals["res_id"]
            for vals in vals_list
            if vals.get("res_model") == "boh.inspection.answer" and vals.get("res_id")
        ]
        inspection_ids = [
            vals["res_id"]
            for vals in vals_list
            if vals.get("res_model") == "boh.inspection"
            and vals.get("res_field") == "signature"
            and vals.get("res_id")
        ]
        if answer_ids or inspection_ids:
            # sudo: the lock applies whoever adds the attachment.
            inspections = (
                self.env["boh.inspection"].sudo().browse(inspection_ids).exists()
                | self.env["boh.inspection.answer"]
                .sudo()
                .browse(answer_ids)
                .exists()
                .inspection_id
            ).filtered(lambda i: i.state == "signed")
            if inspections and not inspections.with_env(self.env)._is_override():
                raise UserError(
                    _(
                        "Inspection %(inspection)s is signed and locked: no photo"
                        " can be added.",
                        inspection=", ".join(inspections.mapped("name")),
                    )
                )
        return super().create(vals_list)

    def write(self, vals):
        self._boh_check_lock()
        res = super().write(vals)
        self._boh_check_lock()
        return res

    def unlink(self):
        locked = self._boh_check_lock()
        if locked and self.env.context.get("boh_inspection_override"):
            locked._log_override(
                self.env.context["boh_inspection_override"], _("photo deleted")
            )
        return super().unlink()
