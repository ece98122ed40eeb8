from odoo.exceptions import ValidationError
from odoo.tools import mute_logger

from odoo.addons.boh_ordering.tests.test_receiving_common import BohStoreOpsCase


class TestBadInput(BohStoreOpsCase):
    """Broken rows, non-numeric or negative quantities, wrong units and
    archived stores are refused with the row and the field, and nothing of
    the batch is written."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["stock.quant"]._update_available_quantity(
            cls.product_1, cls.store_a.lot_stock_id, 10.0
        )
        cls.count = cls.env["boh.stock.count"].create({"store_id": cls.store_a.id})
        cls.count.action_load_guide()

    def _of_test_products(self, model):
        """The records of ``model`` for this case's products."""
        products = self.product_1 | self.product_2 | self.product_3
        return self.env[model].search([("product_id", "in", products.ids)])

    def _refused(self, regex, func, exc=ValidationError):
        with self.assertRaisesRegex(exc, regex), self.env.cr.savepoint():
            func()
        self.env.invalidate_all()

    def _load(self, model, fields, rows):
        with mute_logger("odoo.sql_db", "odoo.models"):
            return self.env[model].load(fields, rows)

    def _error_rows(self, result):
        """{row index: message} of the errors of an import."""
        return {
            msg["rows"]["from"]: msg["message"]
            for msg in result["messages"]
            if msg["type"] == "error" and msg.get("rows")
        }

    # -- non-numeric and negative quantities -----------------------------------
    def test_non_numeric_quantities(self):
        flour_line = self.count.line_ids.filtered(
            lambda ln: ln.product_id == self.product_1
        )
        self._refused(
            "Test Flour.*Counted must be a number",
            lambda: flour_line.write({"qty_counted": "ten"}),
        )
        self._refused(
            "Quantity must be a number",
            lambda: self.env["boh.waste"].create(
                {
                    "store_id": self.store_a.id,
                    "product_id": self.product_1.id,
                    "quantity": "2 kg",
                    "reason": "expired",
                }
            ),
        )
        self.assertFalse(self._of_test_products("boh.waste"))
        self.assertFalse(flour_line.qty_counted)

    def test_units_that_cannot_measure_the_product(self):
        """Counts and waste name the record, product and unit."""
        litre = self.env.ref("uom.product_uom_litre")
        flour_line = self.count.line_ids.filtered(
            lambda ln: ln.product_id == self.product_1
        )
        self._refused(
            rf"Count {self.count.name}, product .*Test Flour.*: the Unit L cannot"
            r" measure this product \(use a unit of",
            lambda: flour_line.write({"product_uom_id": litre.id}),
        )
        vals = {
            "store_id": self.store_a.id,
            "product_id": self.product_1.id,
            "product_uom_id": litre.id,
            "reason": "damaged",
        }
        self._refused(
            r"Waste .*\(.*Test Flour.*\): the Unit L cannot measure this product",
            lambda: self.env["boh.waste"].create(
                dict(vals, quantity=1.0, reason="expired")
            ),
        )
        self.assertFalse(self._of_test_products("boh.waste"))

    def test_batch_is_all_or_nothing(self):
        good = {
            "store_id": self.store_a.id,
            "product_id": self.product_1.id,
            "quantity": 1.0,
            "reason": "expired",
        }
        self._refused(
            "Test Flour.*Quantity",
            lambda: self.env["boh.waste"].create([good, dict(good, quantity=-3)]),
        )
        self.assertFalse(self._of_test_products("boh.waste"), "nothing half-written")

    # -- archived store ------------------------------------------------------
    def test_archived_store(self):
        self.store_b.with_user(self.boh_admin).active = False
        self._refused(
            "archived.*Store",
            lambda: self.env["boh.stock.count"].create({"store_id": self.store_b.id}),
        )
        self._refused(
            "archived.*Store",
            lambda: self.env["boh.waste"].create(
                {
                    "store_id": self.store_b.id,
                    "product_id": self.product_1.id,
                    "quantity": 1.0,
                    "reason": "expired",
                }
            ),
        )
        self.assertFalse(
            self.env["boh.stock.count"].search([("store_id", "=", self.store_b.id)])
        )

    # -- imports with broken rows ---------------------------------------------
    def test_waste_import_broken_rows(self):
        fields = ["store_id/.id", "product_id/.id", "quantity", "reason"]
        store, flour = str(self.store_a.id), str(self.product_1.id)
        result = self._load(
            "boh.waste",
            fields,
            [
                [store, flour, "1", "expired"],
                [store, flour, "abc", "expired"],
                [store, flour, "-2", "damaged"],
            ],
        )
        self.assertFalse(result["ids"], "nothing imported")
        errors = self._error_rows(result)
        self.assertIn("abc", errors[1])
        self.assertIn("Quantity", errors[1])
        self.assertRegex(errors[2], "Test Flour.*Quantity")
        self.assertFalse(self._of_test_products("boh.waste"), "nothing half-written")

    def test_count_import_broken_rows(self):
        empty = self.env["boh.stock.count"].create({"store_id": self.store_a.id})
        fields = ["count_id/.id", "product_id/.id", "qty_counted"]
        count = str(empty.id)
        result = self._load(
            "boh.stock.count.line",
            fields,
            [
                [count, str(self.product_1.id), "-4"],
                [count, str(self.product_3.id), "3"],
            ],
        )
        self.assertFalse(result["ids"])
        errors = self._error_rows(result)
        self.assertRegex(errors[0], "Test Flour.*Counted")
        self.assertRegex(errors[1], "Test Napkins.*order guide")
        self.assertFalse(empty.line_ids, "nothing half-written")

    def test_order_line_import_broken_rows(self):
        order = self._create_order()
        order.state = "draft"
        before = len(order.line_ids)
        fields = ["order_id/.id", "product_id/.id", "qty_ordered", "product_uom_id/.id"]
        oid = str(order.id)
        result = self._load(
            "boh.store.order.line",
            fields,
            [
                [oid, str(self.product_2.id), "6", str(self.uom_unit.id)],
                [oid, str(self.product_1.id), "3", str(self.uom_unit.id)],
                [oid, str(self.product_3.id), "1", str(self.uom_unit.id)],
                [oid, str(self.product_2.id), "-6", str(self.uom_unit.id)],
            ],
        )
        self.assertFalse(result["ids"])
        errors = self._error_rows(result)
        self.assertRegex(errors[1], "Test Flour.*Unit")
        self.assertRegex(errors[2], "Test Napkins.*not in order guide")
        self.assertRegex(errors[3], "Test Cups.*negative")
        self.assertEqual(len(order.line_ids), before, "nothing half-written")
