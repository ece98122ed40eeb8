"""The lock of a signed inspection, for everything that makes up the visit.

Once the store manager has signed, the visit is evidence: its answers, its
section scores, the photos and drawn signatures of its answers and its own
score, grade and signature are sealed by a hash.  Every model holding a part
of the visit inherits this mixin and declares how to find its inspections;
creating, changing or deleting such a part of a signed visit is refused,
whoever asks (the superuser too).  Two ways remain:

* the code of the workflow itself (storing the hash, marking a broken seal)
  lifts the lock with ``_boh_lock_lift()``: a context holding a Python object
  that no RPC request can carry;
* the documented administrator override: context key
  ``boh_inspection_override`` holding the reason, used by a BOH administrator.
  Every use is written in the inspection's chatter and the hash is renewed.

``ir.attachment`` is not a part of this mixin (it is Odoo's model) but calls
``_boh_lock_check`` of ``boh.inspection`` for the photos and signatures.
"""

from odoo import _, api, models
from odoo.exceptions import AccessError, UserError

# The mark of the workflow's own writes on a signed visit: an object, not a
# value, so that no context sent over RPC (JSON) can hold it.
LOCK_LIFTED = object()

OPERATIONS = ("create", "write", "unlink")


class BohInspectionLockMixin(models.AbstractModel):
    _name = "boh.inspection.lock.mixin"
    _description = "Part of a signed inspection (locked)"

    # Fields that may still change once the visit is signed.
    _boh_lock_free_fields = frozenset()

    # ------------------------------------------------------------ to declare
    def _boh_lock_inspections(self):
        """The inspections these records are a part of."""
        return self.inspection_id

    @api.model
    def _boh_lock_inspections_of_vals(self, vals_list):
        """The inspections records created with ``vals_list`` would join."""
        ids = {vals.get("inspection_id") for vals in vals_list}
        ids.discard(None)
        ids.discard(False)
        return self.env["boh.inspection"].browse(ids)

    # ----------------------------------------------------------------- lock
    def _boh_lock_lift(self):
        """These records in an environment where the workflow may write a
        signed visit (the hash, the seal); never reachable over RPC."""
        return self.with_context(boh_inspection_lock=LOCK_LIFTED)

    def _boh_lock_lifted(self):
        return self.env.context.get("boh_inspection_lock") is LOCK_LIFTED

    @api.model
    def _boh_lock_check(self, inspections, operation, records=None, fnames=()):
        """Refuse ``operation`` on parts of signed ``inspections``.

        :param records: the parts concerned (their model names the message)
        :return: the signed inspections concerned when an administrator
            overrides the lock (the caller logs it and renews the hash), else
            an empty recordset
        """
        # sudo: the lock holds whoever asks; only the state of the visits is
        # read here, nothing is returned to the caller.
        signed = (
            inspections.sudo().exists().filtered(lambda i: i.state == "signed")
        ).with_env(self.env)
        if not signed or self._boh_lock_lifted():
            return signed.browse()
        if self.env.context.get("boh_inspection_override"):
            if not self.env.user.has_group("boh_base.group_boh_admin"):
                raise AccessError(
                    _(
                        "Only a BOH administrator can override the lock of a signed"
                        " inspection."
                    )
                )
            return signed
        records = records if records is not None else self
        names = ", ".join(signed.sudo().mapped("name"))
        model = self._boh_lock_model_name(records)
        if operation == "create":
            message = _(
                "Inspection %(inspection)s is signed and locked: no %(model)s can be"
                " added to it.",
                inspection=names,
                model=model,
            )
        elif operation == "unlink":
            message = _(
                "Inspection %(inspection)s is signed and locked: %(model)s"
                " %(records)s cannot be deleted.",
                inspection=names,
                model=model,
                records=", ".join(str(i) for i in records.ids),
            )
        else:
            message = _(
                "Inspection %(inspection)s is signed and locked: %(model)s"
                " %(records)s cannot change (%(fields)s).",
                inspection=names,
                model=model,
                records=", ".join(str(i) for i in records.ids),
                fields=", ".join(sorted(fnames)),
            )
        raise UserError(message)

    @api.model
    def _boh_lock_model_name(self, records):
        """The name of the records' model in the user's language."""
        # ``_get`` reads ir.model as superuser: its translated name only.
        return self.env["ir.model"]._get(records._name).name or records._description

    @api.model
    def _boh_lock_overridden(self, signed, operation, records, fnames=()):
        """Write an administrator's override in the chatter, renew the hash."""
        if not signed:
            return
        reason = self.env.context["boh_inspection_override"]
        values = {
            "user": self.env.user.name,
            "model": self._boh_lock_model_name(records),
            "records": ", ".join(str(i) for i in records.ids),
            "fields": ", ".join(sorted(fnames)),
            "reason": reason,
        }
        if operation == "create":
            body = _(
                "Administrator override by %(user)s: %(model)s %(records)s added to"
                " the signed inspection. Reason: %(reason)s",
                **values,
            )
        elif operation == "unlink":
            body = _(
                "Administrator override by %(user)s: %(model)s %(records)s deleted"
                " from the signed inspection. Reason: %(reason)s",
                **values,
            )
        else:
            body = _(
                "Administrator override by %(user)s: %(model)s %(records)s changed"
                " on the signed inspection (%(fields)s). Reason: %(reason)s",
                **values,
            )
        # sudo: the override was allowed above (BOH administrator); the log
        # and the new hash are the workflow's.
        signed = signed.sudo()
        for inspection in signed:
            inspection._boh_post_system(body, as_user=True)
        signed.exists()._store_hash()

    # ----------------------------------------------------------------- CRUD
    @api.model_create_multi
    def create(self, vals_list):
        signed = self._boh_lock_check(
            self._boh_lock_inspections_of_vals(vals_list), "create", self.browse()
        )
        records = super().create(vals_list)
        self._boh_lock_overridden(signed, "create", records)
        return records

    def write(self, vals):
        fnames = set(vals) - self._boh_lock_free_fields
        signed = self.browse()
        if fnames and self:
            inspections = self._boh_lock_inspections()
            if vals.get("inspection_id"):
                inspections |= self._boh_lock_inspections_of_vals([vals])
            signed = self._boh_lock_check(inspections, "write", self, fnames)
        res = super().write(vals)
        self._boh_lock_overridden(signed, "write", self, fnames)
        return res

    def unlink(self):
        signed = self._boh_lock_check(self._boh_lock_inspections(), "unlink", self)
        records = self.browse(self.ids)
        res = super().unlink()
        self._boh_lock_overridden(signed, "unlink", records)
        return res
