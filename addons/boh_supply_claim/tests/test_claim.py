import base64
import re

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from odoo.addons.boh_supply.tests.common import SupplyCase

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)
CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')


@tagged("post_install", "-at_install")
class TestSupplierClaim(HttpCase, SupplyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        move = cls.line_1.move_ids[:1]
        cls.claim = cls.env["boh.claim"].create(
            {
                "store_id": cls.store_a.id,
                "product_id": cls.product.id,
                "qty_claimed": 2.0,
                "reason": "damaged",
                "partner_id": cls.supplier_1.id,
                "purchase_id": cls.po_1.id,
                "move_id": move.id,
                "picking_id": move.picking_id.id,
            }
        )
        cls.photo, cls.other_photo = cls.env["ir.attachment"].create(
            [
                {"name": "broken.png", "raw": PNG, "mimetype": "image/png"},
                {"name": "other.png", "raw": PNG, "mimetype": "image/png"},
            ]
        )
        cls.claim.photo_ids = cls.photo
        # Queued, not sent at once, to read the mail.
        cls.claim.with_context(mail_notify_force_send=False).action_open()

    def test_answer_credit_note(self):
        claim = self.claim.sudo()
        with self.assertRaisesRegex(UserError, "explain"):
            claim._boh_supplier_answer("dispute", "")
        with self.assertRaisesRegex(UserError, "choose an answer"):
            claim._boh_supplier_answer("nonsense", "x")
        self.assertEqual(claim.state, "open")
        claim._boh_supplier_answer("accept_credit", "Sorry")
        self.assertEqual(claim.state, "answered")
        credit = claim.credit_move_id
        self.assertEqual(credit.move_type, "in_refund")
        self.assertEqual(credit.invoice_line_ids.purchase_line_id, self.line_1)
        self.assertEqual(credit.invoice_line_ids.quantity, 2.0)
        self.assertEqual(credit.invoice_line_ids.price_unit, 10.0)
        with self.assertRaises(UserError):
            claim._boh_supplier_answer("replace", "again")

    def test_claims_count_in_scorecard(self):
        counts = self.env["boh.supply.scorecard"]._get_claim_counts(
            self.po_1.order_line.ids
        )
        self.assertEqual(counts[self.line_1.id], 1)

    def test_isolation(self):
        with self.assertRaises(AccessError):
            self.env["boh.claim"].with_user(self.portal_1).search([])
        self.authenticate("supplier_tour2", "supplier_tour2")
        page = self.url_open("/my/boh/claims")
        self.assertNotIn(self.claim.name, page.text)
        response = self.url_open(f"/my/boh/claim/{self.claim.id}")
        self.assertTrue(response.url.endswith("/my"))
        csrf = CSRF_RE.search(self.url_open(f"/my/purchase/{self.po_2.id}").text).group(
            1
        )
        self.url_open(
            f"/my/boh/claim/{self.claim.id}/answer",
            data={"answer": "accept_credit", "note": "x", "csrf_token": csrf},
        )
        self.assertEqual(self.claim.state, "open")
        self.assertFalse(self.claim.credit_move_id)
        # The right supplier answers through the portal.
        self.authenticate("supplier_tour1", "supplier_tour1")
        page = self.url_open(f"/my/boh/claim/{self.claim.id}")
        csrf = CSRF_RE.search(page.text).group(1)
        response = self.url_open(
            f"/my/boh/claim/{self.claim.id}/answer",
            data={"answer": "replace", "note": "New case tomorrow", "csrf_token": csrf},
        )
        self.assertIn("Your answer has been sent", response.text)
        self.assertEqual(self.claim.supplier_answer, "replace")

    def test_photos(self):
        url = f"/my/boh/claim/{self.claim.id}/photo/{self.photo.id}"
        self.authenticate("supplier_tour1", "supplier_tour1")
        page = self.url_open(f"/my/boh/claim/{self.claim.id}").text
        self.assertIn(url, page)
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, PNG)
        # A photo of no claim of theirs, through their own claim: not found.
        response = self.url_open(
            f"/my/boh/claim/{self.claim.id}/photo/{self.other_photo.id}"
        )
        self.assertEqual(response.status_code, 404)
        with self.assertRaises(AccessError):
            self.photo.with_user(self.portal_1).read(["raw"])
        self.authenticate("supplier_tour2", "supplier_tour2")
        self.assertEqual(self.url_open(url).status_code, 404)
        self.authenticate(None, None)
        response = self.url_open(url, allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))

    def test_supplier_emailed_with_portal_link(self):
        mails = self.env["mail.mail"].search(
            [
                ("recipient_ids", "in", self.supplier_1.ids),
                ("res_id", "=", self.claim.id),
            ]
        )
        self.assertTrue(mails)
        self.assertIn("supplier portal", mails[0].body_html)
        self.assertIn(f"access_token={self.claim.access_token}", mails[0].body_html)
        self.assertFalse(
            self.env["mail.mail"].search([("recipient_ids", "in", self.supplier_2.ids)])
        )
