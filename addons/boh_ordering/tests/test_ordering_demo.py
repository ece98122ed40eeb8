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
            orders = self.env["boh.store.order"].search([("store_id", "=", store.id)])
            self.assertEqual(
                set(orders.mapped("state")), {"closed", "received", "draft"}
            )
            self.assertTrue(
                self.env["stock.route"].search_count(
                    [("supplied_wh_id", "=", store.warehouse_id.id)]
                )
            )
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
