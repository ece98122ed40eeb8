"""Fast tests of the plain-Python GPS and image checks (no database)."""

import base64
import io
import unittest

from PIL import Image

from odoo.addons.boh_inspection.lib import geo, images

from .common import png_bytes, signature_b64


class TestGeo(unittest.TestCase):
    def test_distance_to_store(self):
        # People's Square to the Bund: about 1.6 km
        distance, too_far = geo.distance_to_store(
            31.2400, 121.4900, 31.2304, 121.4737, 300
        )
        self.assertTrue(1500 < distance < 2100, distance)
        self.assertTrue(too_far)
        distance, too_far = geo.distance_to_store(
            31.2305, 121.4737, 31.2304, 121.4737, 300
        )
        self.assertTrue(0 < distance < 20, distance)
        self.assertFalse(too_far)

    def test_store_without_position_is_not_measured(self):
        self.assertEqual(
            geo.distance_to_store(31.2, 121.4, 0.0, 0.0, 300), (None, False)
        )


class TestImages(unittest.TestCase):
    def assertReason(self, reason, call, *args):
        with self.assertRaises(images.ImageError) as caught:
            call(*args)
        self.assertEqual(caught.exception.reason, reason)
        return caught.exception

    def test_decode_base64(self):
        raw = png_bytes()
        self.assertEqual(images.decode_base64(base64.b64encode(raw).decode()), raw)
        self.assertReason("not_image", images.decode_base64, "not base64!")
        self.assertReason("not_image", images.decode_base64, 42)
        self.assertReason("empty", images.decode_base64, "")

    def test_check_image(self):
        raw = png_bytes()
        images.check_image(raw)
        self.assertReason("not_image", images.check_image, b"%PDF-1.4")
        error = self.assertReason("too_large", images.check_image, raw, 10)
        self.assertEqual((error.size, error.limit), (len(raw), 10))

    def test_check_signature(self):
        images.check_signature(base64.b64decode(signature_b64()))
        transparent = io.BytesIO()
        Image.new("RGBA", (40, 20), (0, 0, 0, 0)).save(transparent, format="PNG")
        self.assertReason("blank", images.check_signature, transparent.getvalue())
        self.assertReason("blank", images.check_signature, png_bytes((40, 20)))
        self.assertReason("not_image", images.check_signature, b"hello")
