import base64
import io

from PIL import Image

from odoo import Command

from odoo.addons.boh_ordering.tests.common import BohStoreGuideCase


def png_b64(width=8, height=8):
    image = Image.new("RGB", (width, height), (200, 30, 30))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue()).decode()


class BohPhoneCase(BohStoreGuideCase):
    """Store ops data plus barcodes, stock in store A, and an order guide of
    store B with napkins (a product store A does not stock)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product_1.barcode = "2000000000011"
        cls.product_2.barcode = "2000000000028"
        cls.product_3.barcode = "2000000000035"
        cls.env["boh.order.guide"].create(
            {
                "name": "Ops Guide B",
                "store_ids": [Command.set(cls.store_b.ids)],
                "line_ids": [
                    Command.create(
                        {
                            "product_id": cls.product_3.id,
                            "source_type": "central_warehouse",
                            "source_store_id": cls.cw.id,
                        }
                    )
                ],
            }
        )
        location = cls.store_a.lot_stock_id
        cls.env["stock.quant"]._update_available_quantity(cls.product_1, location, 10.0)
        cls.env["stock.quant"]._update_available_quantity(cls.product_2, location, 20.0)

    def _count(self, user=None, store=None):
        count = (
            self.env["boh.stock.count"]
            .with_user(user or self.staff_a)
            .create({"store_id": (store or self.store_a).id})
        )
        if count.store_id == self.store_a:
            count.action_load_guide()
        return count.with_env(self.env)

    def _waste_vals(self, **vals):
        return {
            "store_id": self.store_a.id,
            "product_id": self.product_1.id,
            "quantity": 2,
            "reason": "expired",
            **vals,
        }
