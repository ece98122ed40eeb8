"""Attacks on the phone screens of counts and waste (see test_attacks)."""

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.boh_ordering.tests.test_attacks import (
    BAD_NUMBERS,
    REFUSED,
    AttackMixin,
)

from .phone_common import BohPhoneCase

LINE_FIELDS = ["product_id", "qty_counted"]


@tagged("post_install", "-at_install")
class TestPhoneCountAttacks(AttackMixin, BohPhoneCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.count = cls._make_count()

    @classmethod
    def _make_count(cls):
        count = cls.env["boh.stock.count"].create({"store_id": cls.store_a.id})
        count.action_load_guide()
        count.line_ids.qty_counted = 3.0
        return count

    def _set_refused(self, user, count, *args, exc=None, regex=None, **kwargs):
        self._refused(
            lambda: count.with_user(user).action_phone_set_count_line(*args, **kwargs),
            count.line_ids,
            LINE_FIELDS,
            exc=exc or REFUSED,
            regex=regex or "",
        )
        self.assertEqual(len(count.line_ids), 2)

    def test_other_store_count(self):
        for user in (self.manager_b, self.area_2, self.executive):
            with self.subTest(user=user.login):
                self._set_refused(
                    user, self.count, 9, product_id=self.product_1.id, exc=AccessError
                )
                with self.assertRaises(AccessError):
                    self.count.with_user(user).action_phone_find_product(
                        "2000000000011"
                    )

    def test_bad_numbers(self):
        for value in (*BAD_NUMBERS, -1, "-0.5", None, "", [], {"qty": 1}):
            with self.subTest(value=value):
                self._set_refused(
                    self.staff_a,
                    self.count,
                    value,
                    product_id=self.product_1.id,
                    exc=ValidationError,
                    regex="Counted",
                )

    def test_unknown_barcode(self):
        for barcode in ("0000000000000", "2000000000035", "x" * 200, 42, ["1"]):
            with self.subTest(barcode=barcode):
                self._set_refused(
                    self.staff_a,
                    self.count,
                    5,
                    barcode=barcode,
                    exc=(UserError, ValidationError),
                    regex="Barcode",
                )

    def test_other_store_product_or_bad_id(self):
        # napkins are in store B's order guide, not in store A's
        for product_id in (self.product_3.id, "1 OR 1=1", -5, True, None, 2**40):
            with self.subTest(product_id=product_id):
                self._set_refused(
                    self.staff_a,
                    self.count,
                    5,
                    product_id=product_id,
                    exc=ValidationError,
                    regex="Product",
                )

    def test_posted_or_cancelled_count(self):
        posted = self._make_count()
        posted.with_user(self.staff_a).action_post()
        cancelled = self._make_count()
        cancelled.action_cancel()
        for count in (posted, cancelled):
            with self.subTest(state=count.state):
                self._set_refused(
                    self.staff_a,
                    count,
                    99,
                    product_id=self.product_1.id,
                    exc=UserError,
                    regex="not a draft",
                )
                with self.assertRaises(UserError):
                    count.with_user(self.staff_a).action_phone_find_product(
                        "2000000000011"
                    )


@tagged("post_install", "-at_install")
class TestPhoneWasteAttacks(AttackMixin, BohPhoneCase):
    def _log_refused(self, user, vals, exc=None, regex=None):
        Waste = self.env["boh.waste"]
        Attachment = self.env["ir.attachment"]
        before = Waste.search_count([])
        photos = Attachment.search_count([("res_model", "=", "boh.waste")])
        on_hand = self.product_1.with_context(
            location=self.store_a.lot_stock_id.id
        ).qty_available
        with (
            mute_logger("odoo.models", "odoo.sql_db"),
            self.env.cr.savepoint(),
        ):
            with self.assertRaisesRegex(exc or REFUSED, regex or ""):
                Waste.with_user(user).action_phone_log_waste(vals)
        self.env.invalidate_all()
        self.assertEqual(Waste.search_count([]), before)
        self.assertEqual(
            Attachment.search_count([("res_model", "=", "boh.waste")]), photos
        )
        self.assertEqual(
            self.product_1.with_context(
                location=self.store_a.lot_stock_id.id
            ).qty_available,
            on_hand,
        )

    def test_other_store(self):
        for user, store in (
            (self.staff_a, self.store_b),
            (self.manager_b, self.store_a),
            (self.area_2, self.store_a),
            (self.executive, self.store_a),
        ):
            with self.subTest(user=user.login, store=store.code):
                self._log_refused(
                    user, self._waste_vals(store_id=store.id), exc=AccessError
                )
                with self.assertRaises(AccessError):
                    self.env["boh.waste"].with_user(user).phone_search_products(
                        store.id, ""
                    )
        for store_id in ("1 OR 1=1", -1, None, 2**40):
            with self.subTest(store_id=store_id):
                self._log_refused(
                    self.staff_a,
                    self._waste_vals(store_id=store_id),
                    exc=ValidationError,
                    regex="Store",
                )

    def test_bad_numbers(self):
        for value in (*BAD_NUMBERS, -1, 0, "0", None, "", [], {"q": 1}):
            with self.subTest(value=value):
                self._log_refused(
                    self.staff_a,
                    self._waste_vals(quantity=value),
                    exc=ValidationError,
                    regex="Quantity",
                )

    def test_unknown_barcode_or_other_store_product(self):
        for barcode in ("0000000000000", "2000000000035", "x" * 200, 7):
            with self.subTest(barcode=barcode):
                self._log_refused(
                    self.staff_a,
                    self._waste_vals(product_id=False, barcode=barcode),
                    exc=(UserError, ValidationError),
                    regex="Barcode",
                )
                with self.assertRaisesRegex((UserError, ValidationError), "Barcode"):
                    self.env["boh.waste"].with_user(self.staff_a).phone_find_product(
                        self.store_a.id, barcode
                    )
        for product_id in (self.product_3.id, "abc", -3, None):
            with self.subTest(product_id=product_id):
                self._log_refused(
                    self.staff_a,
                    self._waste_vals(product_id=product_id),
                    exc=ValidationError,
                    regex="Product",
                )

    def test_bad_reason_note_photo_or_keys(self):
        cases = [
            ({"reason": "stolen"}, "Reason"),
            ({"reason": None}, "Reason"),
            ({"reason": ["expired"]}, "Reason"),
            ({"note": "x" * 5000}, "Note"),
            ({"note": {"a": 1}}, "Note"),
            ({"photo": "bm90IGFuIGltYWdl"}, "Photo"),  # "not an image"
            ({"photo": "%%%"}, "Photo"),
            ({"photo": 12}, "Photo"),
            ({"state": "done"}, "unknown values"),
            ({"scrap_id": 1}, "unknown values"),
        ]
        for vals, regex in cases:
            with self.subTest(vals=str(vals)[:40]):
                self._log_refused(
                    self.staff_a,
                    self._waste_vals(**vals),
                    exc=(UserError, ValidationError),
                    regex=regex,
                )
        for vals in ("store", ["a"], None):
            with self.subTest(vals=vals):
                self._log_refused(self.staff_a, vals, exc=ValidationError)
