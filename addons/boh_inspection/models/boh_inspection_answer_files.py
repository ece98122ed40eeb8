"""Photos and drawn signatures of inspection answers.

Photos are ``ir.attachment`` records of the answer, resized to 1920 px; a
signature item holds the drawing in the answer's ``signature`` field.  Every
image the phone sends is checked by ``lib/images.py`` (base64, size, a file
PIL can read, something drawn on a signature) before anything is written.
"""

from odoo import _, api, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.image import image_process

from odoo.addons.boh_base.services.inputs import check_id

from ..lib import images

MAX_PHOTO_SIDE = 1920
# Photos may be added or removed while the visit is open.
OPEN_STATES = ("draft", "in_progress")


class BohInspectionAnswerFilesMixin(models.AbstractModel):
    _name = "boh.inspection.answer.files.mixin"
    _description = "Photos and signatures of inspection answers"

    def _prepare_signature_value(self, vals, is_na):
        """The checked signature of a signature item (base64), or False."""
        label = self._label()
        if is_na:
            return False
        data = vals.get("signature")
        if not data:
            if self.signature:
                return self.signature
            raise UserError(
                _("%(record)s: the signature is missing; draw it.", record=label)
            )
        if not isinstance(data, str):
            raise UserError(_("%(record)s: the file is not an image.", record=label))
        if data.startswith("data:"):
            data = data.partition(",")[2]
        self._check_signature(self._decode_image(data, label), label)
        return data

    # ---------------------------------------------------------------- images
    @api.model
    def _image_error(self, error, label):
        """The user's message for an image the checks of ``lib/images.py``
        refused (``error``: :class:`images.ImageError`)."""
        if error.reason == "empty":
            return UserError(_("%(record)s: the image is empty.", record=label))
        if error.reason == "too_large":
            return UserError(
                _(
                    "%(record)s: the photo is too large (%(size)s MB, at most"
                    " %(max)s MB).",
                    record=label,
                    size=round(error.size / 1024 / 1024, 1),
                    max=error.limit // 1024 // 1024,
                )
            )
        if error.reason == "blank":
            return UserError(
                _("%(record)s: the signature is missing (blank image).", record=label)
            )
        return UserError(_("%(record)s: the file is not an image.", record=label))

    @api.model
    def _images(self, function, value, label):
        """``function(value)`` of lib.images; its error for the user, naming
        ``label``."""
        try:
            return function(value)
        except images.ImageError as exc:
            raise self._image_error(exc, label) from exc

    @api.model
    def _decode_image(self, data, label):
        """The bytes of a base64 image sent by the phone."""
        return self._images(images.decode_base64, data, label)

    @api.model
    def _check_image(self, raw, label):
        """A photo: an image file, not too large."""
        self._images(images.check_image, raw, label)

    @api.model
    def _check_signature(self, raw, label):
        """A signature must be an image with something drawn on it."""
        self._images(images.check_signature, raw, label)

    # ---------------------------------------------------------------- photos
    def action_add_photo(self, name, data):
        """Attach a photo (base64) to this answer, resized to 1920 px at most."""
        self.ensure_one()
        self.inspection_id._check_conduct()
        self.check_access("write")
        label = self._label()
        if name is not None and name is not False and not isinstance(name, str):
            raise ValidationError(
                _(
                    "%(record)s: the name of the photo must be a text, not %(value)r.",
                    record=label,
                    value=name,
                )
            )
        if self.inspection_id.state not in OPEN_STATES:
            raise UserError(
                _(
                    "%(record)s: the inspection is closed, no photo can be added.",
                    record=label,
                )
            )
        raw = self._decode_image(data, label)
        self._check_image(raw, label)
        try:
            resized = image_process(raw, size=(MAX_PHOTO_SIDE, MAX_PHOTO_SIDE))
        except UserError as exc:
            raise UserError(
                _("%(record)s: the file is not an image.", record=label)
            ) from exc
        attachment = self.env["ir.attachment"].create(
            {
                "name": name or "photo.jpg",
                "raw": resized,
                "res_model": self._name,
                "res_id": self.id,
            }
        )
        self.invalidate_recordset(["photo_count"])
        if self.item_type == "photo" and (not self.answered or self.is_na):
            # The photo is the answer of a photo item.
            values = self._prepare_answer_values({"note": self.note})
            if self.inspection_id.state == "draft":
                self.inspection_id.action_start()
            self._boh_workflow().write(values)
            self.inspection_id._update_progress()
        return {
            "id": attachment.id,
            "name": attachment.name,
            "answer": self._conduct_values(),
        }

    def action_remove_photo(self, attachment_id):
        self.ensure_one()
        self.inspection_id._check_conduct()
        self.check_access("write")
        label = self._label()
        attachment_id = check_id(attachment_id, label, _("Photo"))
        if self.inspection_id.state not in OPEN_STATES:
            raise UserError(
                _(
                    "%(record)s: the inspection is closed, no photo can be removed.",
                    record=label,
                )
            )
        attachment = self.env["ir.attachment"].browse(attachment_id).exists()
        if attachment.res_model != self._name or attachment.res_id != self.id:
            raise UserError(_("This photo does not belong to this answer."))
        attachment.unlink()
        self.invalidate_recordset(["photo_count"])
        if self.item_type == "photo" and self.answered and not self.photo_count:
            # A photo item without photo is not answered any more.
            self._boh_workflow().write({"answered": False, "answered_at": False})
            self.inspection_id._update_progress()
        return {"answer": self._conduct_values()}
