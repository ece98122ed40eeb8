from odoo import Command

from .common import BohStoreGuideCase


class BohStoreOpsCase(BohStoreGuideCase):
    """BohStoreGuideCase with helpers to build the store's incoming transfers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param(
            "boh_ordering.receipt_over_tolerance", "0"
        )

    def _create_order(self, **vals):
        """An approved order of store A: 2 kg of flour at 3.0, 5 cups at 1.5."""
        values = {
            "store_id": self.store_a.id,
            "source_type": "central_warehouse",
            "source_store_id": self.cw.id,
            "delivery_date": "2030-01-07",
            "line_ids": [
                Command.create(
                    {
                        "product_id": self.product_1.id,
                        "qty_ordered": 2,
                        "price_unit": 3.0,
                    }
                ),
                Command.create(
                    {
                        "product_id": self.product_2.id,
                        "qty_ordered": 5,
                        "price_unit": 1.5,
                    }
                ),
            ],
        }
        values.update(vals)
        order = self.env["boh.store.order"].create(values)
        order.state = "approved"
        return order

    @classmethod
    def _make_receipt(cls, order):
        """A receipt into the order's store with a move per order line."""
        store = order.store_id
        picking = cls.env["stock.picking"].create(
            {
                "picking_type_id": store.warehouse_id.in_type_id.id,
                "location_id": cls.env.ref("stock.stock_location_suppliers").id,
                "location_dest_id": store.lot_stock_id.id,
                "origin": order.name,
                "move_ids": [
                    Command.create(
                        {
                            "name": line.product_id.display_name,
                            "product_id": line.product_id.id,
                            "product_uom": line.product_uom_id.id,
                            "product_uom_qty": line.qty_ordered,
                            "location_id": cls.env.ref(
                                "stock.stock_location_suppliers"
                            ).id,
                            "location_dest_id": store.lot_stock_id.id,
                            "boh_order_line_id": line.id,
                        }
                    )
                    for line in order.line_ids
                ],
            }
        )
        picking.action_confirm()
        picking.action_assign()
        return picking

    @classmethod
    def _make_purchase_receipt(cls, order):
        """A purchase order from the order's supplier delivered to its store."""
        purchase = cls.env["purchase.order"].create(
            {
                "partner_id": cls.supplier_contact.id,
                "picking_type_id": order.store_id.warehouse_id.in_type_id.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": line.product_id.id,
                            "product_qty": line.qty_ordered,
                            "product_uom": line.product_uom_id.id,
                            "price_unit": line.price_unit,
                        }
                    )
                    for line in order.line_ids
                ],
            }
        )
        purchase.button_confirm()
        for move in purchase.picking_ids.move_ids:
            move.boh_order_line_id = order.line_ids.filtered(
                lambda line, move=move: line.product_id == move.product_id
            )
        return purchase
