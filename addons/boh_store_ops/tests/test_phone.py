import base64
import io

from PIL import Image

from odoo.tests import tagged

from .phone_common import BohPhoneCase, png_b64


@tagged("post_install", "-at_install")
class TestPhone(BohPhoneCase):
    def test_count_by_barcode_and_product(self):
        count = self._count()
        Count = count.with_user(self.staff_a)
        data = Count.get_phone_data()
        self.assertTrue(data["editable"])
        self.assertEqual(
            [line["barcode"] for line in data["lines"]],
            ["2000000000028", "2000000000011"],  # shelf walk order
        )
        result = Count.action_phone_set_count_line("7.5", barcode=" 2000000000011 ")
        self.assertEqual(result["qty_counted"], 7.5)
        Count.action_phone_set_count_line(12, product_id=self.product_2.id)
        by_product = {line.product_id: line.qty_counted for line in count.line_ids}
        self.assertEqual(by_product, {self.product_1: 7.5, self.product_2: 12.0})
        count.with_user(self.staff_a).action_post()
        self.assertEqual(count.state, "done")
        self.assertFalse(count.with_user(self.staff_a).get_phone_data()["editable"])

    def test_count_adds_guide_product_missing_from_sheet(self):
        count = self._count()
        count.line_ids.filtered(lambda line: line.product_id == self.product_1).unlink()
        line = count.with_user(self.staff_a).action_phone_find_product("2000000000011")
        self.assertEqual(line["product_id"], self.product_1.id)
        self.assertEqual(line["qty_counted"], 0.0)
        self.assertIn(self.product_1, count.line_ids.product_id)

    def test_open_phone_action(self):
        count = self._count()
        action = count.with_user(self.staff_a).action_open_phone()
        self.assertEqual(action["tag"], "boh_stock_count_phone")
        self.assertEqual(action["params"], {"count_id": count.id})

    def test_waste_logged_posted_with_resized_photo(self):
        Waste = self.env["boh.waste"].with_user(self.staff_a)
        data = Waste.get_phone_data()
        self.assertEqual([s["id"] for s in data["stores"]], self.store_a.ids)
        self.assertIn("expired", [r["value"] for r in data["reasons"]])
        found = Waste.phone_find_product(self.store_a.id, "2000000000011")
        self.assertEqual(found["product_id"], self.product_1.id)
        names = [p["name"] for p in Waste.phone_search_products(self.store_a.id, "flo")]
        self.assertEqual(names, [self.product_1.display_name])
        result = Waste.action_phone_log_waste(
            self._waste_vals(quantity="2.5", note="Fell", photo=png_b64(3000, 100))
        )
        self.assertFalse(result["warning"])
        waste = self.env["boh.waste"].browse(result["id"])
        self.assertEqual(waste.state, "done")
        self.assertEqual(waste.quantity, 2.5)
        self.assertEqual(waste.user_id, self.staff_a)
        self.assertEqual(waste.scrap_id.scrap_qty, 2.5)
        photo = self.env["ir.attachment"].search(
            [("res_model", "=", "boh.waste"), ("res_id", "=", waste.id)]
        )
        self.assertEqual(len(photo), 1)
        with Image.open(io.BytesIO(base64.b64decode(photo.datas))) as img:
            self.assertEqual(img.size, (1920, 64))
        today = Waste.get_phone_data()["today"]
        self.assertEqual([w["id"] for w in today], waste.ids)

    def test_waste_kept_as_draft_without_stock(self):
        result = (
            self.env["boh.waste"]
            .with_user(self.staff_a)
            .action_phone_log_waste(self._waste_vals(quantity=50))
        )
        waste = self.env["boh.waste"].browse(result["id"])
        self.assertEqual(waste.state, "draft")
        self.assertFalse(waste.scrap_id)
        self.assertIn("Count the stock first", result["warning"])
