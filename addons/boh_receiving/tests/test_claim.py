from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import mute_logger

from .common import BohReceivingCase


class TestClaim(BohReceivingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.claim = cls.env["boh.claim"].create(
            {
                "store_id": cls.store_a.id,
                "product_id": cls.product_1.id,
                "qty_claimed": 2,
                "price_unit": 3.0,
                "reason": "damaged",
                "partner_id": cls.supplier.id,
            }
        )

    def test_workflow(self):
        claim = self.claim.with_user(self.manager_a)
        self.assertTrue(claim.name.startswith("BOH/CLM/"))
        self.assertEqual(claim.amount, 6.0)
        self.assertEqual(claim.product_uom_id, self.uom_kg)
        claim.action_open()
        self.assertEqual(claim.state, "open")
        with self.assertRaisesRegex(UserError, "cannot be opened"):
            claim.action_open()
        claim.with_user(self.buyer).action_answer()
        claim.with_user(self.buyer).action_close()
        self.assertEqual(claim.state, "closed")
        self.assertTrue(claim.date_closed)
        with self.assertRaises(UserError):
            claim.action_cancel()
        with self.assertRaises(UserError):
            claim.unlink()

    def test_bad_input(self):
        with self.assertRaisesRegex(ValidationError, "Claimed Quantity"):
            self.claim.qty_claimed = -1
        with self.assertRaisesRegex(ValidationError, "Test Flour.*Unit"):
            self.claim.product_uom_id = self.uom_unit

    def test_access_per_role(self):
        Claim = self.env["boh.claim"]
        domain = [("id", "=", self.claim.id)]
        self.assertTrue(Claim.with_user(self.staff_a).search(domain))
        self.assertTrue(Claim.with_user(self.area_1).search(domain))
        self.assertTrue(Claim.with_user(self.buyer).search(domain))
        self.assertTrue(Claim.with_user(self.executive).search(domain))
        self.assertFalse(Claim.with_user(self.manager_b).search(domain))
        self.assertFalse(Claim.with_user(self.area_2).search(domain))
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            self.claim.with_user(self.staff_a).write({"note": "x"})
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            self.claim.with_user(self.manager_b).action_open()
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            self.claim.with_user(self.executive).action_open()
        self.assertEqual(self.claim.state, "draft")
