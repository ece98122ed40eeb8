from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import SupplyCase


@tagged("post_install", "-at_install")
class TestScorecardOrm(SupplyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # po_1: everything received (milk with a lot); po_2: 5 of 7 received.
        picking = cls.po_1.picking_ids
        picking.move_ids.filtered(
            lambda m: m.product_id == cls.product_lot
        ).move_line_ids.lot_name = "L1"
        picking.move_ids.picked = True
        picking._action_done()
        picking_2 = cls.po_2.picking_ids
        picking_2.move_ids.quantity = 5.0
        picking_2.move_ids.picked = True
        picking_2.with_context(cancel_backorder=True)._action_done()
        cls.today = fields.Date.today()

    def test_scorecards_and_drill(self):
        Scorecard = self.env["boh.supply.scorecard"]
        cards = Scorecard.get_scorecards(self.today - timedelta(days=1), self.today)
        one, two = cards[self.supplier_1.id], cards[self.supplier_2.id]
        self.assertEqual(one["lines"], 2)
        self.assertEqual(one["on_time"], 100.0)
        self.assertEqual(one["in_full"], 100.0)
        self.assertEqual(one["fill_rate"], 100.0)
        self.assertEqual(one["price_variance"], 0.0)
        self.assertEqual(one["lead_time_adherence"], 100.0)
        self.assertEqual(two["lines"], 1)
        self.assertEqual(two["in_full"], 0.0)
        self.assertAlmostEqual(two["fill_rate"], 500 / 7)
        self.assertEqual(two["lead_time_adherence"], 100.0)  # delay 0, same day
        self.assertFalse(
            Scorecard.get_scorecards(
                self.today - timedelta(days=30), self.today - timedelta(days=2)
            )
        )
        only_two = Scorecard.get_scorecards(
            self.today, self.today, [self.supplier_2.id]
        )
        self.assertEqual(list(only_two), [self.supplier_2.id])
        action = Scorecard.action_drill(
            self.supplier_2.id, self.today, self.today, "in_full"
        )
        moves = self.env["stock.move"].search(action["domain"])
        self.assertEqual(moves.purchase_line_id, self.po_2.order_line)
        self.assertFalse(
            Scorecard.get_drill_line_ids(
                self.supplier_1.id, self.today, self.today, "in_full"
            )
        )

    def test_trend_in_one_query_matches_each_period(self):
        """The one-query trend gives each period what a query of its own gives."""
        Scorecard = self.env["boh.supply.scorecard"]
        milk = self.po_1.picking_ids.move_ids.filtered(
            lambda m: m.product_id == self.product_lot
        )
        milk.date = fields.Datetime.now() - timedelta(days=40)
        date_from = self.today - timedelta(days=70)
        for partner_ids in (None, [self.supplier_1.id]):
            totals, trend = Scorecard.get_scorecards_and_trend(
                date_from, self.today, "month", partner_ids
            )
            self.assertEqual(
                totals, Scorecard.get_scorecards(date_from, self.today, partner_ids)
            )
            one = trend[self.supplier_1.id]
            self.assertEqual(sum(figures["lines"] for _period, figures in one), 2)
            self.assertEqual(len(one), 2, "milk and the other line in two months")
            for period, figures in one:
                self.assertEqual(
                    figures,
                    Scorecard.get_scorecards(*period, partner_ids)[self.supplier_1.id],
                )
        only_one = Scorecard.get_trend(
            date_from, self.today, "month", [self.supplier_1.id]
        )
        self.assertEqual(list(only_one), [self.supplier_1.id])

    def test_wizard_ranking_and_trend(self):
        wizard = (
            self.env["boh.supply.scorecard.wizard"]
            .with_user(self.buyer)
            .create(
                {
                    "date_from": self.today - timedelta(days=40),
                    "date_to": self.today,
                    "rank_by": "fill_rate",
                }
            )
        )
        action = wizard.action_compute()
        ranking = self.env["boh.supply.scorecard.line"].search(action["domain"])
        ranking = ranking.filtered(
            lambda rec: rec.partner_id in (self.supplier_1 | self.supplier_2)
        )
        self.assertEqual(
            ranking.sorted("rank").partner_id, self.supplier_1 | self.supplier_2
        )
        self.assertLess(
            ranking.filtered(lambda rec: rec.partner_id == self.supplier_1).rank,
            ranking.filtered(lambda rec: rec.partner_id == self.supplier_2).rank,
        )
        row = ranking.filtered(lambda rec: rec.partner_id == self.supplier_2)
        trend = self.env["boh.supply.scorecard.line"].search(
            row.action_trend()["domain"]
        )
        self.assertGreaterEqual(len(trend), 1)
        self.assertEqual(sum(trend.mapped("lines")), 1)
        drill = row.with_context(figure="in_full").action_drill()
        self.assertEqual(
            self.env["stock.move"].search(drill["domain"]).purchase_line_id,
            self.po_2.order_line,
        )


@tagged("post_install", "-at_install")
class TestSharedForecast(SupplyCase):
    def test_rows_of_own_products(self):
        Forecast = self.env["boh.supply.forecast"]
        rows = Forecast._get_shared_forecast(self.supplier_1, weeks=4)
        by_product = {row["product_id"]: row for row in rows}
        self.assertEqual(set(by_product), {self.product.id, self.product_lot.id})
        self.assertEqual(by_product[self.product.id]["ordered_qty"], 10.0)
        self.assertEqual(by_product[self.product_lot.id]["ordered_qty"], 5.0)
        self.assertEqual(
            by_product[self.product.id]["warehouse_id"], self.store_a.warehouse_id.id
        )
        rows_2 = Forecast._get_shared_forecast(self.supplier_2, weeks=4)
        self.assertEqual([r["ordered_qty"] for r in rows_2], [7.0])
        self.assertFalse(Forecast._get_shared_forecast(self.supplier_1, weeks=0))
