from odoo import Command
from odoo.tests import HttpCase, tagged

from odoo.addons.boh_base.tests.common import make_user

from .phone_common import BohPhoneCase


@tagged("post_install", "-at_install")
class TestPhoneUi(HttpCase, BohPhoneCase):
    browser_size = "375x667"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.phone_manager = make_user(
            cls.env,
            "boh_phone_manager",
            "boh_base.group_boh_store_manager",
            password="boh_phone_manager",
        )
        cls.store_a.user_ids = [Command.link(cls.phone_manager.id)]

    def test_count_and_waste_on_a_phone(self):
        count = self._count(user=self.phone_manager)
        self.start_tour(
            f"/odoo/boh_stock_count_phone/{count.id}",
            "boh_store_ops_count_phone_tour",
            login="boh_phone_manager",
        )
        counted = {line.product_id: line.qty_counted for line in count.line_ids}
        self.assertEqual(counted, {self.product_1: 7.5, self.product_2: 2.0})
        self.start_tour(
            "/odoo/boh_waste_phone",
            "boh_store_ops_waste_phone_tour",
            login="boh_phone_manager",
        )
        waste = self.env["boh.waste"].search([("user_id", "=", self.phone_manager.id)])
        self.assertEqual(len(waste), 1)
        self.assertEqual(
            (waste.product_id, waste.quantity, waste.reason, waste.state),
            (self.product_1, 2.0, "damaged", "done"),
        )
        photo = self.env["ir.attachment"].search(
            [("res_model", "=", "boh.waste"), ("res_id", "=", waste.id)]
        )
        self.assertEqual(len(photo), 1)
        self.assertTrue(photo.mimetype.startswith("image/"))
