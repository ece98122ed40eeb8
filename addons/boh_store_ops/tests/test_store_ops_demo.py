from odoo.tests.common import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestStoreOpsDemo(TransactionCase):
    def test_load_chain_store_ops(self):
        result = self.env["boh.demo.loader"].load_chain(
            stores=2, products=6, days=7, suppliers=1, seed=11
        )
        self.assertIn("store_ops", result["timings"])
        stores = [result["sites"][s.code] for s in result["chain"].stores]
        self.assertEqual(len(stores), 2)
        Count, Waste = self.env["boh.stock.count"], self.env["boh.waste"]
        for store in stores:
            counts = Count.search([("store_id", "=", store.id)])
            self.assertEqual(sorted(counts.mapped("state")), ["done", "draft"])
            posted = counts.filtered(lambda c: c.state == "done")
            self.assertTrue(posted.line_ids, "the guide's products were counted")
            self.assertTrue(posted.sudo().move_ids, "and the stock was adjusted")
            wastes = Waste.search([("store_id", "=", store.id)])
            self.assertTrue(wastes.filtered(lambda w: w.state == "done"))
            self.assertTrue(wastes.filtered(lambda w: w.state == "draft"))
