from datetime import timedelta

from odoo import fields
from odoo.tests import tagged
from odoo.tests.common import TransactionCase


@tagged("post_install", "-at_install")
class TestSupplyDemo(TransactionCase):
    def test_demo_chain(self):
        result = self.env["boh.demo.loader"].load_chain(
            passwords=True,
            seed=7,
            stores=2,
            products=6,
            days=14,
            suppliers=2,
            supply_weeks=2,
        )
        users = result["supplier_users"]
        self.assertEqual(sorted(users), ["supplier1", "supplier2"])
        self.assertTrue(users["supplier1"].share)
        supplier = users["supplier1"].partner_id.commercial_partner_id
        self.assertIn(supplier, result["suppliers"].values())
        orders = result["supply_orders"]
        self.assertTrue(orders)
        received = orders.filtered(
            lambda o: o.picking_ids.filtered(lambda p: p.state == "done")
        )
        self.assertTrue(received)
        # Past orders come with shipping notices, received, and score.
        asns = self.env["boh.asn"].search([("purchase_ids", "in", orders.ids)])
        self.assertIn("received", asns.mapped("state"))
        self.assertTrue(asns.picking_ids)
        today = fields.Date.today()
        cards = self.env["boh.supply.scorecard"].get_scorecards(
            today - timedelta(days=30), today
        )
        self.assertTrue(any(card["lines"] for card in cards.values()))
        # Fresh and chilled goods from suppliers are perishable: lots with
        # expiry dates, removed FEFO; their notices' lots reach the stock.
        perishable = [
            result["products"][p.default_code]
            for p in result["chain"].products
            if p.storage_type in ("fresh", "chilled") and p.source == "supplier"
        ]
        self.assertTrue(perishable)
        fefo = self.env.ref("product_expiry.removal_fefo")
        for product in perishable:
            self.assertEqual(product.tracking, "lot")
            self.assertTrue(product.use_expiration_date)
            self.assertEqual(product.categ_id.removal_strategy_id, fefo)
        lots = asns.picking_ids.move_line_ids.filtered(
            lambda ml: ml.product_id.use_expiration_date and ml.boh_asn_line_id
        ).lot_id
        self.assertTrue(lots)
        undated = lots.filtered(lambda lot: not lot.expiration_date)
        self.assertFalse(undated, f"lots without expiry date: {undated.mapped('name')}")
        mine = self.env["purchase.order"].with_user(users["supplier1"]).search([])
        self.assertEqual(mine.partner_id.commercial_partner_id, supplier)
        # Loading again adds no user.
        again = self.env["boh.demo.loader"].load_chain(
            chain=result["chain"], supply_weeks=0
        )
        self.assertEqual(again["supplier_users"]["supplier1"], users["supplier1"])
