from odoo import Command

from odoo.addons.boh_base.tests.common import BohCase


class BohOrderingCase(BohCase):
    """BohCase plus a central warehouse, a kitchen, a supplier, products and a
    guide for store A (flour and cups from CW, milk from the supplier)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cw = cls.env["boh.store"].create(
            {"name": "Test Central Warehouse", "code": "TCW", "store_type": "warehouse"}
        )
        cls.ck = cls.env["boh.store"].create(
            {"name": "Test Central Kitchen", "code": "TCK", "store_type": "kitchen"}
        )
        cls.store_a.warehouse_id.resupply_wh_ids = [(6, 0, cls.cw.warehouse_id.ids)]
        cls.supplier = cls.env["res.partner"].create(
            {"name": "Test Fresh Supplier", "ref": "TSUP"}
        )
        cls.uom_unit = cls.env.ref("uom.product_uom_unit")
        cls.uom_kg = cls.env.ref("uom.product_uom_kgm")
        cls.uom_dozen = cls.env.ref("uom.product_uom_dozen")
        cls.product_1, cls.product_2, cls.product_3 = cls.env["product.product"].create(
            [
                {
                    "name": "Test Flour",
                    "default_code": "TFLOUR",
                    "is_storable": True,
                    "uom_id": cls.uom_kg.id,
                    "uom_po_id": cls.uom_kg.id,
                    "standard_price": 3.0,
                },
                {
                    "name": "Test Cups",
                    "default_code": "TCUPS",
                    "is_storable": True,
                    "standard_price": 1.5,
                },
                {
                    "name": "Test Milk",
                    "default_code": "TMILK",
                    "is_storable": True,
                    "standard_price": 2.0,
                    "seller_ids": [
                        (
                            0,
                            0,
                            {
                                "partner_id": cls.supplier.id,
                                "price": 2.5,
                                "min_qty": 12,
                            },
                        )
                    ],
                },
            ]
        )
        cls.guide = cls.env["boh.order.guide"].create(
            {
                "name": "Test Guide A",
                "store_ids": [(6, 0, cls.store_a.ids)],
                "tolerance_pct": 10.0,
                "line_ids": [
                    (0, 0, cls._guide_line(cls.product_2, 20, pack=6, seq=1)),
                    (0, 0, cls._guide_line(cls.product_1, 50, pack=5, seq=2)),
                    (
                        0,
                        0,
                        {
                            "product_id": cls.product_3.id,
                            "source_type": "supplier",
                            "partner_id": cls.supplier.id,
                            "qty_par": 10,
                            "pack_qty": 2,
                        },
                    ),
                ],
            }
        )
        cls.stock_loc = cls.store_a.lot_stock_id

    @classmethod
    def _guide_line(cls, product, par, pack=1.0, seq=10, source=None):
        return {
            "sequence": seq,
            "product_id": product.id,
            "source_type": "central_warehouse",
            "source_store_id": (source or cls.cw).id,
            "qty_par": par,
            "pack_qty": pack,
        }

    def _create_kitchen_order(self, product, par):
        """Put ``product`` on the guide from the central kitchen (par ``par``)
        and generate store A's order from the kitchen."""
        line = dict(self._guide_line(product, par), source_type="central_kitchen")
        line["source_store_id"] = self.ck.id
        self.guide.line_ids = [(0, 0, line)]
        return self._create_order(
            source_type="central_kitchen", source_store_id=self.ck.id
        )

    def _create_order(self, store=None, user=None, generate=True, **vals):
        values = {
            "store_id": (store or self.store_a).id,
            "source_type": "central_warehouse",
            "source_store_id": self.cw.id,
            "delivery_date": "2030-01-07",
        }
        values.update(vals)
        env = self.env(user=user) if user else self.env
        order = env["boh.store.order"].create(values)
        if generate:
            order.action_generate_from_guide()
        return order

    def _set_stock(self, product, qty, location=None):
        self.env["stock.quant"]._update_available_quantity(
            product, location or self.stock_loc, qty
        )


class BohScheduleCase(BohOrderingCase):
    """Store A orders from the central warehouse on Monday and Wednesday
    before 14:00 (Shanghai) for Tuesday and Thursday."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.store_a.with_user(cls.boh_admin).tz = "Asia/Shanghai"
        cls.schedule = cls.env["boh.order.schedule"].create(
            {
                "store_id": cls.store_a.id,
                "source_type": "central_warehouse",
                "source_store_id": cls.cw.id,
                "order_mon": True,
                "order_wed": True,
                "delivery_tue": True,
                "delivery_thu": True,
                "cutoff_time": 14.0,
                "lead_time_days": 1,
            }
        )


class BohStoreGuideCase(BohCase):
    """Stores of BohCase, a central warehouse, a supplier, two products in the
    order guide of store A (cups first on the shelf walk, then flour) and one
    product outside it: what store operations (receiving, counts, waste) use."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cw = cls.env["boh.store"].create(
            {"name": "Ops Central Warehouse", "code": "OCW", "store_type": "warehouse"}
        )
        cls.supplier = cls.env["res.partner"].create(
            {"name": "Ops Fresh Supplier", "is_company": True}
        )
        cls.supplier_contact = cls.env["res.partner"].create(
            {"name": "Ops Fresh Driver", "parent_id": cls.supplier.id}
        )
        cls.uom_unit = cls.env.ref("uom.product_uom_unit")
        cls.uom_kg = cls.env.ref("uom.product_uom_kgm")
        cls.product_1, cls.product_2, cls.product_3 = cls.env["product.product"].create(
            [
                {
                    "name": "Test Flour",
                    "is_storable": True,
                    "uom_id": cls.uom_kg.id,
                    "uom_po_id": cls.uom_kg.id,
                    "standard_price": 3.0,
                },
                {"name": "Test Cups", "is_storable": True, "standard_price": 1.5},
                {"name": "Test Napkins", "is_storable": True, "standard_price": 0.1},
            ]
        )
        guide_lines = []
        for seq, product in ((1, cls.product_2), (2, cls.product_1)):
            guide_lines += [
                Command.create(
                    {
                        "sequence": seq,
                        "product_id": product.id,
                        "source_type": "central_warehouse",
                        "source_store_id": cls.cw.id,
                    }
                ),
                Command.create(
                    {
                        "sequence": seq + 10,
                        "product_id": product.id,
                        "source_type": "supplier",
                        "partner_id": cls.supplier.id,
                    }
                ),
            ]
        cls.guide = cls.env["boh.order.guide"].create(
            {
                "name": "Ops Guide A",
                "store_ids": [Command.set(cls.store_a.ids)],
                "line_ids": guide_lines,
            }
        )
