from datetime import date, datetime, time

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from odoo.addons.boh_receiving.tests.common import BohReceivingCase


@tagged("post_install", "-at_install")
class TestReceiveExpiry(BohReceivingCase):
    """Perishable goods are received with the expiry date printed on each lot:
    prefilled from the shipping notice, corrected at the dock, kept on the lot."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # flour keeps 10 days, alerted 2 days before
        cls.product_1.product_tmpl_id._boh_set_perishable(10, alert_time=2)

    def _supplier_order(self):
        order = self._create_order(
            source_type="supplier", source_store_id=False, partner_id=self.supplier.id
        )
        purchase = self._make_purchase_receipt(order)
        flour = purchase.picking_ids.move_line_ids.filtered(
            lambda ml: ml.product_id == self.product_1
        )
        # what a shipping notice writes: lot and printed expiry date
        flour.write(
            {"lot_name": "ASN-9", "expiration_date": datetime(2030, 3, 1, 10, 0)}
        )
        return order, purchase.picking_ids

    def _open(self, order):
        action = order.with_user(self.manager_a).action_open_receive_wizard()
        return (
            self.env["boh.receive.wizard"]
            .with_user(self.manager_a)
            .browse(action["res_id"])
        )

    def _lot(self, name):
        return self.env["stock.lot"].search(
            [("product_id", "=", self.product_1.id), ("name", "=", name)]
        )

    def test_announced_expiry_is_prefilled_and_kept(self):
        order, receipt = self._supplier_order()
        wizard = self._open(order)
        self.assertEqual(wizard.lot_ids.lot_name, "ASN-9")
        self.assertEqual(wizard.lot_ids.expiration_date, date(2030, 3, 1))
        wizard.action_confirm()
        self.assertEqual(receipt.state, "done")
        self.assertEqual(
            fields.Datetime.context_timestamp(
                self.env.user, self._lot("ASN-9").expiration_date
            ).date(),
            date(2030, 3, 1),
        )

    def test_expiry_corrected_at_the_dock(self):
        order, _receipt = self._supplier_order()
        wizard = self._open(order)
        with Form(wizard) as form:
            with form.lot_ids.edit(0) as lot:
                lot.lot_name = "DOCK-3"
                lot.expiration_date = date(2030, 2, 20)
        wizard.action_confirm()
        lot = self._lot("DOCK-3")
        self.assertEqual(
            lot.expiration_date, datetime.combine(date(2030, 2, 20), time())
        )
        self.assertFalse(self._lot("ASN-9"))
        # the alert follows the product's alert time (2 days before)
        self.assertEqual(lot.alert_date.date(), date(2030, 2, 18))

    def test_expiry_left_empty_counts_from_today(self):
        order, _receipt = self._supplier_order()
        wizard = self._open(order)
        wizard.lot_ids.expiration_date = False
        wizard.action_confirm()
        expiry = self._lot("ASN-9").expiration_date
        self.assertTrue(expiry)
        self.assertEqual(
            (expiry.date() - fields.Date.today()).days,
            10,
            "the product's expiration time, counted from the receipt",
        )

    def test_expiry_out_of_range_refused(self):
        order, receipt = self._supplier_order()
        wizard = self._open(order)
        wizard.lot_ids.expiration_date = date(1990, 1, 1)
        with self.assertRaisesRegex(
            ValidationError, rf"Order {order.name}, lot ASN-9: Expiry Date"
        ):
            wizard.action_confirm()
        self.assertEqual(receipt.state, "assigned")
        self.assertFalse(self._lot("ASN-9"))

    def test_lot_list_shows_the_expiry_column(self):
        arch = self.env["boh.receive.wizard"].get_views([(False, "form")])["views"][
            "form"
        ]["arch"]
        self.assertIn('name="expiration_date"', arch)
