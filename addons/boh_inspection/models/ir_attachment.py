from collections import defaultdict

from odoo import _, api, models
from odoo.exceptions import AccessError

# Models whose files (photos, drawn signatures) belong to an inspection.
INSPECTION_MODELS = ("boh.inspection", "boh.inspection.answer")


class IrAttachment(models.Model):
    """Photos and drawn signatures of a signed visit are locked with it.

    Access: photos are attachments of ``boh.inspection.answer`` records (and
    signatures binary fields of answers and inspections).  Odoo checks the
    access to the answer when a file is added, changed or removed, and when
    files are searched; ``_check_access`` makes ``check_access("read")`` (used
    by reads and by the guard mixin before a file is linked to a record)
    follow the same record rules of the inspection's store.  The lock of a
    signed visit is the one of ``boh.inspection.lock.mixin``.
    """

    _inherit = "ir.attachment"

    def _check_access(self, operation):
        result = super()._check_access(operation)
        if result or self.env.su or not any(self._ids):
            return result
        self.flush_model(["res_model", "res_id"])
        self.env.cr.execute(
            "SELECT id, res_model, res_id FROM ir_attachment"
            " WHERE id IN %s AND res_model IN %s AND res_id IS NOT NULL",
            [tuple(i for i in self._ids if i), INSPECTION_MODELS],
        )
        targets = defaultdict(lambda: defaultdict(list))
        for att_id, res_model, res_id in self.env.cr.fetchall():
            targets[res_model][res_id].append(att_id)
        forbidden = []
        mode = "read" if operation == "read" else "write"
        for res_model, by_record in targets.items():
            records = self.env[res_model].browse(by_record).exists()
            allowed = set(records._filtered_access(mode).ids)
            for res_id, att_ids in by_record.items():
                if res_id in allowed or res_id not in records.ids:
                    continue
                forbidden += att_ids
        if not forbidden:
            return None
        records = self.browse(forbidden)

        def make_error():
            return AccessError(
                _(
                    "You cannot access the inspection files %(files)s: they belong"
                    " to visits of stores you do not work in or supervise.",
                    files=", ".join(records.sudo().mapped("name")),
                )
            )

        return records, make_error

    @api.model
    def _boh_inspections_of(self, pairs):
        """Inspections of (res_model, res_field, res_id) triples: photos and
        signatures of their answers, the inspection's own signature."""
        answer_ids = {
            res_id for model, _f, res_id in pairs if model == "boh.inspection.answer"
        }
        inspection_ids = {
            res_id
            for model, field, res_id in pairs
            if model == "boh.inspection" and field == "signature"
        }
        answer_ids.discard(False)
        inspection_ids.discard(False)
        # sudo: the lock holds whoever touches the file; only which visit the
        # file belongs to is read.
        inspections = self.env["boh.inspection"].sudo().browse(inspection_ids)
        if answer_ids:
            inspections |= (
                self.env["boh.inspection.answer"]
                .sudo()
                .browse(answer_ids)
                .exists()
                .inspection_id
            )
        return inspections.with_env(self.env)

    def _boh_inspections(self):
        # sudo: res_field attachments are hidden from searches and reads
        rows = self.sudo().read(["res_model", "res_field", "res_id"])
        return self._boh_inspections_of(
            [(r["res_model"], r["res_field"], r["res_id"]) for r in rows]
        )

    def _boh_lock_check(self, operation, fnames=()):
        lock = self.env["boh.inspection"]
        return lock._boh_lock_check(self._boh_inspections(), operation, self, fnames)

    @api.model_create_multi
    def create(self, vals_list):
        inspections = self._boh_inspections_of(
            [
                (vals.get("res_model"), vals.get("res_field"), vals.get("res_id"))
                for vals in vals_list
            ]
        )
        lock = self.env["boh.inspection"]
        signed = lock._boh_lock_check(inspections, "create", self.browse())
        attachments = super().create(vals_list)
        lock._boh_lock_overridden(signed, "create", attachments)
        return attachments

    def write(self, vals):
        signed = self._boh_lock_check("write", vals)
        res = super().write(vals)
        # the file may have been moved to a signed visit
        signed |= self._boh_lock_check("write", vals)
        self.env["boh.inspection"]._boh_lock_overridden(signed, "write", self, vals)
        return res

    def unlink(self):
        signed = self._boh_lock_check("unlink")
        records = self.browse(self.ids)
        res = super().unlink()
        self.env["boh.inspection"]._boh_lock_overridden(signed, "unlink", records)
        return res
