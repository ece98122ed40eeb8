"""The claim's supplier downloads only the claim's own photos, and bad claim
or photo ids in the portal's URLs end cleanly."""

import base64

from odoo import Command
from odoo.tests import HttpCase, tagged

from odoo.addons.boh_supply.tests.common import SupplyCase

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)
HUGE_ID = "99999999999"


@tagged("post_install", "-at_install")
class TestClaimPhotoAttacks(HttpCase, SupplyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        move = cls.line_1.move_ids[:1]
        Claim = cls.env["boh.claim"]
        values = {
            "product_id": cls.product.id,
            "qty_claimed": 1.0,
            "reason": "damaged",
            "partner_id": cls.supplier_1.id,
            "purchase_id": cls.po_1.id,
        }
        cls.claim = Claim.create(
            {
                **values,
                "store_id": cls.store_a.id,
                "move_id": move.id,
                "picking_id": move.picking_id.id,
            }
        )
        # Another store's claim (on another supplier's order), and a file of
        # another record of store B.
        cls.claim_b = Claim.create(
            {
                **values,
                "store_id": cls.store_b.id,
                "partner_id": cls.supplier_2.id,
                "purchase_id": cls.po_2.id,
            }
        )
        Attachment = cls.env["ir.attachment"]
        cls.own_photo, cls.photo_b, cls.inspection_photo = Attachment.create(
            [
                {
                    "name": "own.png",
                    "raw": PNG,
                    "mimetype": "image/png",
                    "res_model": "boh.claim",
                    "res_id": cls.claim.id,
                },
                {
                    "name": "store-b-claim.png",
                    "raw": PNG,
                    "mimetype": "image/png",
                    "res_model": "boh.claim",
                    "res_id": cls.claim_b.id,
                },
                {
                    "name": "store-b-inspection.png",
                    "raw": PNG,
                    "mimetype": "image/png",
                    "res_model": "boh.store",
                    "res_id": cls.store_b.id,
                },
            ]
        )
        cls.claim_b.photo_ids = cls.photo_b
        (cls.claim | cls.claim_b).action_open()
        # The foreign files linked to the claim of store A (the guard of
        # boh.claim refuses such links from users who cannot read the file;
        # here they are linked as the superuser, as if someone could).
        cls.claim.photo_ids = [
            Command.set((cls.own_photo | cls.photo_b | cls.inspection_photo).ids)
        ]

    def _url(self, photo, claim=None):
        return f"/my/boh/claim/{(claim or self.claim).id}/photo/{photo.id}"

    def _snapshot(self):
        return [
            (a.id, a.res_model, a.res_id, a.checksum)
            for a in self.own_photo | self.photo_b | self.inspection_photo
        ] + [(c.id, c.state, c.supplier_answer) for c in self.claim | self.claim_b]

    def test_foreign_photos_not_served(self):
        before = self._snapshot()
        self.authenticate("supplier_tour1", "supplier_tour1")
        page = self.url_open(f"/my/boh/claim/{self.claim.id}").text
        self.assertIn(self._url(self.own_photo), page)
        for photo in (self.photo_b, self.inspection_photo):
            with self.subTest(photo=photo.name):
                self.assertNotIn(self._url(photo), page)
                response = self.url_open(self._url(photo))
                self.assertEqual(response.status_code, 404)
                self.assertNotEqual(response.content, PNG)
        response = self.url_open(self._url(self.own_photo))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, PNG)
        self.assertEqual(self._snapshot(), before)

    def test_bad_ids(self):
        before = self._snapshot()
        self.authenticate("supplier_tour1", "supplier_tour1")
        for url, statuses in (
            (f"/my/boh/claim/{HUGE_ID}", (200,)),
            (f"/my/boh/claim/{self.claim_b.id}", (200,)),
            (f"/my/boh/claim/{HUGE_ID}/photo/{self.own_photo.id}", (404,)),
            (f"/my/boh/claim/{self.claim.id}/photo/{HUGE_ID}", (404,)),
            (self._url(self.photo_b, self.claim_b), (404,)),
            ("/my/boh/claim/abc", (404,)),
        ):
            with self.subTest(url=url):
                response = self.url_open(url)
                self.assertIn(response.status_code, statuses)
                self.assertNotIn("Traceback", response.text)
                self.assertNotEqual(response.content, PNG)
                if statuses == (200,):
                    self.assertTrue(response.url.endswith("/my"), response.url)
        page = self.url_open(f"/my/boh/claim/{self.claim.id}").text
        csrf = page.split('name="csrf_token" value="')[1].split('"')[0]
        response = self.url_open(
            f"/my/boh/claim/{HUGE_ID}/answer",
            data={"answer": "accept_credit", "note": "x", "csrf_token": csrf},
        )
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.url.endswith("/my"))
        self.assertEqual(self._snapshot(), before)

    def test_photo_uploaded_on_new_claim_is_the_claims(self):
        """The claim form uploads photos before the claim has an id: saving
        the claim makes them its own, and its supplier sees them."""
        manager = self.manager_a
        photo = (
            self.env["ir.attachment"]
            .with_user(manager)
            .create(
                {
                    "name": "new.png",
                    "raw": PNG,
                    "mimetype": "image/png",
                    "res_model": "boh.claim",
                    "res_id": 0,
                }
            )
        )
        self.claim.with_user(manager).write({"photo_ids": [Command.link(photo.id)]})
        self.assertEqual((photo.res_model, photo.res_id), ("boh.claim", self.claim.id))
        # Another user's unattached file is not taken over.
        stray = self.env["ir.attachment"].create(
            {"name": "stray.png", "raw": PNG, "mimetype": "image/png"}
        )
        self.claim.with_user(manager).sudo().write(
            {"photo_ids": [Command.link(stray.id)]}
        )
        self.assertFalse(stray.res_id)
        self.authenticate("supplier_tour1", "supplier_tour1")
        self.assertEqual(self.url_open(self._url(photo)).content, PNG)
        self.assertEqual(self.url_open(self._url(stray)).status_code, 404)
