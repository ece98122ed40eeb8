"""Manufacturing orders of the stores: what a user can send over RPC that
the rules must refuse (see boh_ordering/tests/test_attacks.py)."""

from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.boh_ordering.tests.common import BohOrderingCase
from odoo.addons.boh_ordering.tests.test_attacks import AttackMixin


@tagged("post_install", "-at_install")
class TestProductionAttacks(AttackMixin, BohOrderingCase):
    def _production(self):
        warehouse = self.store_a.warehouse_id
        return self.env["mrp.production"].create(
            {
                "product_id": self.product_1.id,
                "product_qty": 1.0,
                "product_uom_id": self.uom_kg.id,
                "picking_type_id": warehouse.manu_type_id.id,
                "location_src_id": warehouse.lot_stock_id.id,
                "location_dest_id": warehouse.lot_stock_id.id,
            }
        )

    def test_productions_of_a_store(self):
        production = self._production()
        self._assert_readers(
            production,
            (self.staff_a, self.manager_a, self.area_1, self.executive),
            (self.manager_b, self.area_2),
        )
        for user in (self.manager_a, self.executive):
            with self.subTest(user=user.login):
                self._write_refused(
                    user, production, {"product_qty": 99.0}, exc=AccessError
                )
                self._refused(
                    lambda u=user: production.with_user(u).unlink(),
                    production,
                    ["state"],
                    exc=AccessError,
                )
                self._create_refused(
                    user,
                    "mrp.production",
                    {"product_id": self.product_1.id, "product_qty": 1.0},
                    [("product_id", "=", self.product_1.id)],
                    exc=AccessError,
                )

    def test_buyer_app_rights(self):
        """Buyers use Manufacturing and do not administer it; store roles and
        the executive do not use it."""
        self.assertTrue(self.buyer.has_group("mrp.group_mrp_user"))
        self.assertFalse(self.buyer.has_group("mrp.group_mrp_manager"))
        for user in (self.staff_a, self.manager_a, self.area_1, self.executive):
            self.assertFalse(user.has_group("mrp.group_mrp_user"), user.login)
