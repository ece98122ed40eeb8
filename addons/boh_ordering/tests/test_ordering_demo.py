from odoo.tests.common import TransactionCase


class TestOrderingDemo(TransactionCase):
    def test_load_chain_ordering(self):
        result = self.env["boh.demo.loader"].load_chain(
            stores=2, products=8, days=14, suppliers=2, seed=7
        )
        self.assertIn("ordering", result["timings"])
        stores = [result["sites"][s.code] for s in result["chain"].stores]
        Guide = self.env["boh.order.guide"]
        for store in stores:
            guide = Guide._get_store_guide(store)
            self.assertEqual(len(guide.line_ids), 8)
            self.assertTrue(
                self.env["boh.order.schedule"].search_count(
                    [("store_id", "=", store.id)]
                )
            )
            self.assertTrue(
                self.env["stock.route"].search_count(
                    [("supplied_wh_id", "=", store.warehouse_id.id)]
                )
            )
            orders = self.env["boh.store.order"].search([("store_id", "=", store.id)])
            self.assertLessEqual(
                {"closed", "received", "fulfilling"}, set(orders.mapped("state"))
            )
            closed = orders.filtered(lambda o: o.state == "closed")
            self.assertTrue(closed.picking_ids, "fulfilled by real transfers")
            self.assertEqual(
                set(closed.picking_ids.mapped("state")), {"done"}, "and received"
            )
        all_orders = self.env["boh.store.order"].search(
            [("store_id", "in", [s.id for s in stores])]
        )
        self.assertLessEqual(
            {
                "draft",
                "submitted",
                "approved",
                "fulfilling",
                "received",
                "closed",
                "cancel",
            },
            set(all_orders.mapped("state")),
            "orders in every state",
        )
        approved = all_orders.filtered(lambda o: o.state == "approved")
        self.assertIn("has no price", approved.fulfilment_error)
        self.assertFalse(approved.purchase_ids, "nothing half-created")
        # The central sites never go below zero: they ship what they have.
        central = [s for s in result["sites"].values() if s.store_type != "store"]
        negative = self.env["stock.quant"].search(
            [
                ("location_id", "child_of", [s.lot_stock_id.id for s in central]),
                ("quantity", "<", 0),
            ]
        )
        self.assertFalse(negative, negative.mapped("product_id.display_name"))
        by_source = {p.default_code: p.source for p in result["chain"].products}
        line = Guide._get_store_guide(stores[0]).line_ids[0]
        expected = {
            "warehouse": "central_warehouse",
            "kitchen": "central_kitchen",
            "supplier": "supplier",
        }[by_source[line.product_id.default_code]]
        self.assertEqual(line.source_type, expected)
        # loading again adds nothing
        count = self.env["boh.store.order"].search_count([])
        self.env["boh.demo.loader"].load_chain(
            stores=2, products=8, days=14, suppliers=2, seed=7
        )
        self.assertEqual(self.env["boh.store.order"].search_count([]), count)
