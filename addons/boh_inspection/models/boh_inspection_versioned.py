from odoo import models


class BohInspectionVersioned(models.AbstractModel):
    """A part of a checklist (section, item) of a versioned template.

    A template an inspection already used does not change: writing or
    deleting one of its parts writes or deletes the part's counterpart in the
    template's new version (:meth:`boh.inspection.template._create_new_version`)
    and leaves the used one as it was.  The models declare ``template_id``.
    """

    _name = "boh.inspection.versioned"
    _description = "Inspection Checklist Part"

    def _versioning(self):
        """Whether this is the versioning itself (copying a template)."""
        return self.env.context.get("boh_inspection_versioning")

    def _versioned_vals(self, vals, mapping):
        """The values to write on this part's counterpart in the new version
        (``mapping``: each part of the used version to its counterpart)."""
        return vals

    def write(self, vals):
        if self._versioning():
            return super().write(vals)
        used = self.filtered("template_id.is_used")
        for template in used.template_id:
            _new, mapping = template._create_new_version()
            for part in used.filtered(lambda p, t=template: p.template_id == t):
                mapping.get(part, self.browse()).write(
                    part._versioned_vals(vals, mapping)
                )
        return super(BohInspectionVersioned, self - used).write(vals)

    def unlink(self):
        used = self.filtered("template_id.is_used")
        if used and not self._versioning():
            for template in used.template_id:
                _new, mapping = template._create_new_version()
                parts = used.filtered(lambda p, t=template: p.template_id == t)
                self.browse([mapping[p].id for p in parts if p in mapping]).unlink()
            return super(BohInspectionVersioned, self - used).unlink()
        return super().unlink()
