"""Fields that only the workflow writes, for every BOH document.

A store order's state, who approved it, a waste entry's "posted" mark, the
supplier's answer to a claim, the store a count belongs to: these are set by
the workflow methods (``action_*``), which check the caller's role first. A
user who writes them directly, over RPC or an import, would skip the step. The
mixin refuses such writes, the way OCA's queue_job guards the fields of its
jobs: the workflow writes through ``_boh_workflow()``, an environment marked
with a Python object that no RPC request can carry.
"""

from odoo import _, api, models
from odoo.exceptions import AccessError

from ..services.inputs import check_date, check_number

# The mark of the workflow's own writes: an object, not a value, so that a
# context sent over RPC (JSON) can never hold it.
WORKFLOW = object()


class BohGuardMixin(models.AbstractModel):
    _name = "boh.guard.mixin"
    _description = "BOH workflow-field guard"

    # Written only by the workflow (``_boh_workflow()`` or sudo).
    _boh_workflow_fields = frozenset()
    # Set when the record is created, never changed afterwards (the store or
    # the inspection a record belongs to).
    _boh_create_only_fields = frozenset()
    # Written only by BOH administrators (who belongs to a store, where it is).
    _boh_admin_fields = frozenset()

    def _boh_workflow(self):
        """These records in an environment that may write workflow fields."""
        return self.with_context(boh_workflow=WORKFLOW)

    def _boh_guard_lifted(self):
        # sudo() is code, never a request: the workflow methods and data files
        return self.env.su or self.env.context.get("boh_workflow") is WORKFLOW

    def _boh_guard_refuse(self, fnames, records=None):
        labels = ", ".join(
            sorted(self._fields[f]._description_string(self.env) for f in fnames)
        )
        raise AccessError(
            _(
                "%(model)s %(records)s: %(fields)s can only be set by the"
                " workflow (its buttons), not written directly.",
                model=self._description,
                records=", ".join((records or self).mapped("display_name"))
                or _("(new)"),
                fields=labels,
            )
        )

    def _boh_guard_create(self, vals_list):
        defaults = {}
        for vals in vals_list:
            refused = []
            for fname in self._boh_workflow_fields.intersection(vals):
                if fname not in defaults:
                    defaults[fname] = self._boh_guard_normalize(
                        fname, self.default_get([fname]).get(fname)
                    )
                if self._boh_guard_normalize(fname, vals[fname]) != defaults[fname]:
                    refused.append(fname)
            if refused:
                self._boh_guard_refuse(refused)

    def _boh_guard_normalize(self, fname, value):
        """A comparable form of a value given to create or write."""
        field = self._fields[fname]
        if field.type == "many2one":
            return value.id if isinstance(value, models.BaseModel) else (value or False)
        if field.type in ("one2many", "many2many"):
            return bool(value)
        if field.type in ("float", "monetary", "integer"):
            return value or 0
        return value or False

    def _boh_guard_admin(self, vals):
        fnames = self._boh_admin_fields.intersection(vals)
        if fnames and not self.env.user.has_group("boh_base.group_boh_admin"):
            labels = ", ".join(
                sorted(self._fields[f]._description_string(self.env) for f in fnames)
            )
            raise AccessError(
                _(
                    "Only BOH administrators can change %(fields)s of %(model)s"
                    " %(records)s.",
                    fields=labels,
                    model=self._description,
                    records=", ".join(self.mapped("display_name")) or _("(new)"),
                )
            )

    def _boh_changed_by(self, fname, value):
        """The records whose ``fname`` a write of ``value`` would change (a
        value the field cannot even hold changes them all)."""
        field = self._fields[fname]
        changed = self.browse()
        for record in self:
            try:
                new = field.convert_to_record(
                    field.convert_to_cache(value, record), record
                )
            except (TypeError, ValueError, OverflowError):
                return self
            if new != record[fname]:
                changed |= record
        return changed

    def _boh_guard_write(self, vals):
        fnames = (
            self._boh_workflow_fields | self._boh_create_only_fields
        ).intersection(vals)
        if not fnames:
            return
        refused = set()
        changed = self.browse()
        for fname in fnames:
            field = self._fields[fname]
            if field.type in ("one2many", "many2many"):
                # Any command on a guarded relation changes it.
                if vals[fname]:
                    refused.add(fname)
                    changed = self
                continue
            differ = self._boh_changed_by(fname, vals[fname])
            if differ:
                refused.add(fname)
                changed |= differ
        if refused:
            self._boh_guard_refuse(refused, changed)

    def _boh_guard_attachments(self, vals):
        """Files linked to a record by id must be files the user can read:
        else linking another store's photo to one's own claim would hand it
        to whoever reads the claim (its supplier on the portal)."""
        ids = set()
        for fname, commands in vals.items():
            field = self._fields.get(fname)
            if not (
                field
                and field.type == "many2many"
                and field.comodel_name == "ir.attachment"
                and isinstance(commands, list | tuple)
            ):
                continue
            for command in commands:
                if isinstance(command, int):
                    ids.add(command)
                elif isinstance(command, list | tuple) and command:
                    if command[0] == 4:
                        ids.add(command[1])
                    elif command[0] == 6:
                        ids.update(command[2] or ())
        if ids:
            attachments = self.env["ir.attachment"].browse(ids)
            # ir.attachment.check: the rights on the documents the files belong to
            attachments.check("read")

    def _boh_guard_values(self, vals):
        """Numbers a user gives must be finite and within any real quantity,
        price or amount (NaN and infinities pass PostgreSQL's numeric type);
        dates must be dates, within the sensible window."""
        for fname, value in vals.items():
            field = self._fields.get(fname)
            if not field or value is False or value is None:
                continue
            if field.type in ("float", "monetary"):
                vals[fname] = check_number(
                    value,
                    ", ".join(self.mapped("display_name")) or self._description,
                    field._description_string(self.env),
                )
            elif field.type in ("date", "datetime"):
                label = ", ".join(self.mapped("display_name")) or self._description
                try:
                    parsed = field.convert_to_cache(value, self)
                except (TypeError, ValueError, OverflowError):
                    parsed = str(value)  # check_date names it in its error
                check_date(parsed, label, field._description_string(self.env))

    @api.model_create_multi
    def create(self, vals_list):
        if not self._boh_guard_lifted():
            self._boh_guard_create(vals_list)
            for vals in vals_list:
                self._boh_guard_attachments(vals)
                self._boh_guard_values(vals)
        return super().create(vals_list)

    def write(self, vals):
        if not self._boh_guard_lifted():
            self._boh_guard_admin(vals)
            self._boh_guard_write(vals)
            self._boh_guard_attachments(vals)
            self._boh_guard_values(vals)
        return super().write(vals)
