from odoo.exceptions import ValidationError
from odoo.tools import mute_logger

from .common import BohReceivingCase


class TestClaimBadInput(BohReceivingCase):
    """Claims with non-numeric quantities, wrong units, archived stores or
    broken import rows are refused with the row and the field, and nothing of
    the batch is written."""

    def _refused(self, regex, func, exc=ValidationError):
        with self.assertRaisesRegex(exc, regex), self.env.cr.savepoint():
            func()
        self.env.invalidate_all()

    def test_non_numeric_quantity(self):
        self._refused(
            "Claimed Quantity must be a number",
            lambda: self.env["boh.claim"].create(
                {
                    "store_id": self.store_a.id,
                    "product_id": self.product_1.id,
                    "qty_claimed": "two",
                    "reason": "damaged",
                }
            ),
        )
        self.assertFalse(self.env["boh.claim"].search([]))

    def test_unit_that_cannot_measure_the_product(self):
        """The claim names the record, product and unit."""
        self._refused(
            r"Claim .*\(.*Test Flour.*\): the Unit L cannot measure this product",
            lambda: self.env["boh.claim"].create(
                {
                    "store_id": self.store_a.id,
                    "product_id": self.product_1.id,
                    "product_uom_id": self.env.ref("uom.product_uom_litre").id,
                    "reason": "damaged",
                    "qty_claimed": 1.0,
                }
            ),
        )
        self.assertFalse(self.env["boh.claim"].search([]))

    def test_archived_store(self):
        self.store_b.with_user(self.boh_admin).active = False
        self._refused(
            "archived.*Store",
            lambda: self.env["boh.claim"].create(
                {
                    "store_id": self.store_b.id,
                    "product_id": self.product_1.id,
                    "qty_claimed": 1.0,
                    "reason": "short",
                }
            ),
        )
        self.assertFalse(
            self.env["boh.claim"].search([("store_id", "=", self.store_b.id)])
        )

    def test_claim_import_broken_rows(self):
        fields = ["store_id/.id", "product_id/.id", "qty_claimed", "reason"]
        store = str(self.store_a.id)
        with mute_logger("odoo.sql_db", "odoo.models"):
            result = self.env["boh.claim"].load(
                fields,
                [
                    [store, str(self.product_1.id), "2", "short"],
                    [store, str(self.product_1.id), "-1", "short"],
                    [store, str(self.product_1.id), "x", "short"],
                ],
            )
        self.assertFalse(result["ids"])
        errors = {
            msg["rows"]["from"]: msg["message"]
            for msg in result["messages"]
            if msg["type"] == "error" and msg.get("rows")
        }
        self.assertRegex(errors[1], "Claimed Quantity")
        self.assertIn("Claimed Quantity", errors[2])
        self.assertFalse(self.env["boh.claim"].search([]), "nothing half-written")
