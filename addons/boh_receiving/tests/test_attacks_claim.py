"""Attacks on claims (see boh_ordering's test_attacks)."""

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from odoo.addons.boh_ordering.tests.test_attacks import BAD_NUMBERS, AttackMixin

from .common import BohReceivingCase


@tagged("post_install", "-at_install")
class TestClaimAttacks(AttackMixin, BohReceivingCase):
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
        cls.claim_b = cls.claim.copy({"store_id": cls.store_b.id})
        cls.photo_b = cls.env["ir.attachment"].create(
            {
                "name": "store_b.png",
                "raw": b"store b photo",
                "res_model": "boh.claim",
                "res_id": cls.claim_b.id,
            }
        )
        cls.claim_b.photo_ids = cls.photo_b

    def test_claim_workflow_fields(self):
        claim = self.claim.with_user(self.manager_a)
        claim.action_open()
        fields = ["state", "date_closed"]
        for vals in (
            {"state": "answered"},
            {"state": "closed"},
            {"date_closed": "2030-01-01 10:00:00"},
        ):
            with self.subTest(vals=vals):
                self._write_refused(
                    self.manager_a, self.claim, vals, fields, exc=AccessError
                )
        self._create_refused(
            self.manager_a,
            "boh.claim",
            {
                "store_id": self.store_a.id,
                "product_id": self.product_2.id,
                "qty_claimed": 1.0,
                "reason": "short",
                "state": "closed",
            },
            [("product_id", "=", self.product_2.id)],
            exc=AccessError,
        )

    def test_claim_answer_by_store_manager(self):
        """The store that claims does not answer in the supplier's place."""
        self.claim.with_user(self.manager_a).action_open()
        self._refused(
            lambda: self.claim.with_user(self.manager_a).action_answer(),
            self.claim,
            ["state"],
            exc=AccessError,
        )
        self._write_refused(
            self.manager_a, self.claim, {"state": "answered"}, exc=AccessError
        )
        self.claim.with_user(self.buyer).action_answer()
        self.assertEqual(self.claim.state, "answered")

    def test_claim_photo_of_another_store(self):
        photo = self.photo_b
        for command in ([Command.link(photo.id)], [Command.set(photo.ids)]):
            with self.subTest(command=command):
                self._write_refused(
                    self.manager_a,
                    self.claim,
                    {"photo_ids": command},
                    exc=AccessError,
                )
        self._create_refused(
            self.manager_a,
            "boh.claim",
            {
                "store_id": self.store_a.id,
                "product_id": self.product_2.id,
                "qty_claimed": 1.0,
                "reason": "damaged",
                "photo_ids": [Command.set(self.photo_b.ids)],
            },
            [("product_id", "=", self.product_2.id)],
            exc=AccessError,
        )
        # his own photo is linked
        own = (
            self.env["ir.attachment"]
            .with_user(self.manager_a)
            .create(
                {
                    "name": "own.png",
                    "raw": b"own photo",
                    "res_model": "boh.claim",
                    "res_id": self.claim.id,
                }
            )
        )
        self.claim.with_user(self.manager_a).photo_ids = [Command.link(own.id)]
        self.assertEqual(self.claim.photo_ids, own)

    # -- records moved to another store ------------------------------------------
    def test_store_moves(self):
        self._write_refused(
            self.manager_a, self.claim, {"store_id": self.store_b.id}, exc=AccessError
        )

    # -- bad numbers ---------------------------------------------------------------
    def test_bad_numbers(self):
        self.claim.with_user(self.manager_a).action_open()
        for fname, regex in (
            ("qty_claimed", "Claimed Quantity"),
            ("price_unit", "Unit Price"),
        ):
            for value in BAD_NUMBERS:
                with self.subTest(field=fname, value=value):
                    self._write_refused(
                        self.manager_a,
                        self.claim,
                        {fname: value},
                        exc=ValidationError,
                        regex=regex,
                    )
