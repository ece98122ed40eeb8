from odoo.tests import HttpCase, tagged

from .common import BohCase


@tagged("post_install", "-at_install")
class TestUi(HttpCase, BohCase):
    def test_store_manager_opens_store(self):
        self.start_tour("/odoo", "boh_base_store_manager_tour", login="boh_manager_a")
