import json

from odoo.tests.common import TransactionCase


class TestDemo(TransactionCase):
    def test_demo_chain_sales_and_forecasts(self):
        Loader = self.env["boh.demo.loader"]
        params = {"seed": 7, "stores": 2, "products": 4, "days": 63, "suppliers": 2}
        result = Loader.load_chain(**params)
        chain = result["chain"]
        Demand = self.env["boh.demand.daily"]
        stores = self.env["boh.store"].browse(
            [result["sites"][s.code].id for s in chain.stores]
        )
        rows = Demand.search([("store_id", "in", stores.ids)])
        self.assertEqual(sum(rows.mapped("qty")), float(chain.sales.sum()))
        self.assertEqual(len(rows.filtered("stockout")), int(chain.stockout.sum()))
        # loading again adds nothing
        Loader.load_chain(chain=chain)
        self.assertEqual(
            Demand.search_count([("store_id", "in", stores.ids)]), len(rows)
        )
        self.env["ir.config_parameter"].set_param(
            "boh_base.demo_chain",
            json.dumps({**params, "start": chain.start.isoformat()}),
        )
        self.assertTrue(Loader.load_forecast_demo())
        runs = self.env["boh.forecast.run"].search([("state", "=", "done")])
        self.assertGreaterEqual(len(runs), 4)
        current = self.env["boh.forecast"].search(
            [("store_id", "in", stores.ids), ("is_current", "=", True)]
        )
        self.assertEqual(len(current), 2 * 4 * 28)
        self.assertTrue(
            self.env["boh.forecast.accuracy"].search_count(
                [("store_id", "in", stores.ids)]
            )
        )
