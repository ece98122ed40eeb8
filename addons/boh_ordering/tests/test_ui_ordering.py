from odoo.tests import HttpCase, tagged

from .common import BohOrderingCase


@tagged("post_install", "-at_install")
class TestQuickEntryUi(HttpCase, BohOrderingCase):
    browser_size = "375x667"
    touch_enabled = True

    def test_quick_entry_phone(self):
        order = self._create_order()
        cups = order.line_ids.filtered(lambda ln: ln.product_id == self.product_2)
        self.start_tour("/odoo", "boh_ordering_quick_entry_tour", login="boh_manager_a")
        self.assertEqual(cups.qty_ordered, 24)
