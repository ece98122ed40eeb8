"""Checks of the images sent by the phone (photos, drawn signatures), in
plain Python (PIL, no Odoo import).

Each check raises :class:`ImageError` with a ``reason`` the model turns into
a translated message naming the record: ``not_image``, ``empty``,
``too_large`` or ``blank``.
"""

import base64
import binascii
import io

from PIL import Image

MAX_PHOTO_BYTES = 15 * 1024 * 1024
# A drawing whose lightest and darkest pixels differ less than this is blank.
MIN_SIGNATURE_CONTRAST = 16


class ImageError(ValueError):
    """An image the phone sent that cannot be kept."""

    def __init__(self, reason, size=0, limit=0):
        super().__init__(reason)
        self.reason = reason
        self.size = size  # bytes of a file too large
        self.limit = limit  # the largest size allowed, in bytes


def decode_base64(data):
    """The bytes of a base64 image."""
    try:
        raw = base64.b64decode(data or "", validate=True)
    except (binascii.Error, TypeError, ValueError) as exc:
        raise ImageError("not_image") from exc
    if not raw:
        raise ImageError("empty")
    return raw


def check_image(raw, max_bytes=None):
    """``raw`` is an image file PIL can read, of at most ``max_bytes``
    (:data:`MAX_PHOTO_BYTES` when not given)."""
    if max_bytes is None:
        max_bytes = MAX_PHOTO_BYTES
    if len(raw) > max_bytes:
        raise ImageError("too_large", size=len(raw), limit=max_bytes)
    try:
        with Image.open(io.BytesIO(raw)) as img:
            img.verify()
    except Exception as exc:
        raise ImageError("not_image") from exc


def is_blank(raw):
    """True when nothing is drawn on the image (transparent or one colour)."""
    with Image.open(io.BytesIO(raw)) as img:
        rgba = img.convert("RGBA")
    if rgba.getextrema()[3][1] == 0:
        return True
    background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
    low, high = Image.alpha_composite(background, rgba).convert("L").getextrema()
    return high - low < MIN_SIGNATURE_CONTRAST


def check_signature(raw, max_bytes=None):
    """A signature is an image with something drawn on it."""
    check_image(raw, max_bytes)
    if is_blank(raw):
        raise ImageError("blank")
