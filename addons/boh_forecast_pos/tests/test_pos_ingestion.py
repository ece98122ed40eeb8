from datetime import datetime

from odoo.addons.boh_forecast.tests.common import ForecastCase


class TestPosIngestion(ForecastCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A register needs a bank journal: a database made without a
        # localization has none, so the generic chart is loaded, as Odoo's
        # POS tests do.
        if not cls.env["account.journal"].search_count(
            [("type", "=", "bank"), ("company_id", "=", cls.env.company.id)], limit=1
        ):
            cls.env["account.chart.template"].try_loading(
                "generic_coa", company=cls.env.company, install_demo=False
            )
        cls.products.write({"available_in_pos": True})
        cls.config = cls.env["pos.config"].create(
            {
                "name": "Store A register",
                "picking_type_id": cls.store_a.warehouse_id.pos_type_id.id,
            }
        )
        cls.session = cls.env["pos.session"].create(
            {"config_id": cls.config.id, "user_id": cls.env.uid}
        )

    def _order(self, when, lines, state="paid", price=1.0):
        order = self.env["pos.order"].create(
            {
                "session_id": self.session.id,
                "date_order": when,
                "amount_tax": 0.0,
                "amount_total": 0.0,
                "amount_paid": 0.0,
                "amount_return": 0.0,
                "lines": [
                    (
                        0,
                        0,
                        {
                            "product_id": product.id,
                            "qty": qty,
                            "price_unit": price,
                            "price_subtotal": qty * price,
                            "price_subtotal_incl": qty * price * 1.1,
                        },
                    )
                    for product, qty in lines
                ],
            }
        )
        order.state = state
        return order

    def _pos_rows(self):
        return self.Demand.search([("source", "=", "pos")])

    def test_orders_ingested_once(self):
        self.store_a.tz = "Asia/Shanghai"
        # 17:00 UTC on 1 April is 2 April in Shanghai
        self._order(datetime(2025, 4, 1, 3, 0), [(self.p1, 2), (self.p2, 1)])
        self._order(datetime(2025, 4, 1, 9, 0), [(self.p1, 3)])
        self._order(datetime(2025, 4, 1, 17, 0), [(self.p1, 4)])
        self._order(datetime(2025, 4, 1, 10, 0), [(self.p1, 50)], state="draft")
        self.Demand._ingest_all()
        totals = {(r.product_id, str(r.date)): r.qty for r in self._pos_rows()}
        self.assertEqual(
            totals,
            {
                (self.p1, "2025-04-01"): 5.0,
                (self.p2, "2025-04-01"): 1.0,
                (self.p1, "2025-04-02"): 4.0,
            },
        )
        self.assertEqual(self.Demand._ingest_pos_orders(), 0)
        self.assertEqual(self.Demand._ingest_pos_orders(since=datetime(2000, 1, 1)), 0)
        # a refund lowers the day's total instead of adding a row
        self._order(datetime(2025, 4, 1, 5, 0), [(self.p1, -1)])
        self.Demand._ingest_pos_orders()
        rows = self._pos_rows().filtered(
            lambda r: r.product_id == self.p1 and str(r.date) == "2025-04-01"
        )
        self.assertEqual(rows.qty, 4.0)
        self.assertEqual(len(self._pos_rows()), 3)

    def test_orders_amount(self):
        """The day's net sales are the sum of the lines' subtotals excluding
        taxes, refunds deducted, recomputed with the quantity."""
        self._order(datetime(2025, 4, 1, 3, 0), [(self.p1, 2), (self.p2, 1)], price=4.5)
        self._order(datetime(2025, 4, 1, 9, 0), [(self.p1, 3)], price=5.0)
        self.Demand._ingest_pos_orders()
        amounts = {r.product_id: r.amount for r in self._pos_rows()}
        # p1: 2 x 4.5 + 3 x 5.0 = 24.0; p2: 1 x 4.5 (taxes not included)
        self.assertEqual(amounts, {self.p1: 24.0, self.p2: 4.5})
        self._order(datetime(2025, 4, 1, 5, 0), [(self.p1, -1)], price=5.0)
        self.Demand._ingest_pos_orders()
        row = self._pos_rows().filtered(lambda r: r.product_id == self.p1)
        self.assertEqual((row.qty, row.amount), (4.0, 19.0))

    def test_pos_pickings_not_counted_twice(self):
        excluded = self.Demand._get_stock_excluded_picking_types()
        self.assertIn(self.config.picking_type_id.id, excluded)
