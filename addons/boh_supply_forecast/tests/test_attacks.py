from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .test_shared_forecast import ForecastCase


@tagged("post_install", "-at_install")
class TestSharedForecastAttacks(ForecastCase):
    def test_portal_user_asks_for_another_supplier(self):
        """Even through the portal's sudo, supplier 2's user cannot get the
        forecast shared with supplier 1."""
        Forecast = self.env["boh.supply.forecast"].with_user(self.portal_2).sudo()
        with self.assertRaises(AccessError):
            Forecast._get_shared_forecast(self.supplier_1, 4)
        rows = Forecast._get_shared_forecast(self.supplier_2, 4)
        self.assertNotIn(self.product_lot.id, {r["product_id"] for r in rows})

    def test_stores_of_another_company_are_not_shared(self):
        """A supplier selling to one company does not see another company's
        stores, even for its own product."""
        other = self.env["res.company"].create({"name": "Other Chain"})
        store = (
            self.env["boh.store"]
            .with_company(other)
            .create({"name": "Other Store", "code": "OTS", "company_id": other.id})
        )
        run = self.env["boh.forecast.run"].create(
            {"date_origin": self.today, "company_id": other.id}
        )
        self.env["boh.forecast"].create(
            {
                "run_id": run.id,
                "store_id": store.id,
                "product_id": self.oil.id,
                "date": self.today,
                "horizon": 1,
                "qty": 777.0,
                "is_current": True,
                "company_id": other.id,
            }
        )
        # supplier 2 sells oil to the first company only
        self.oil.seller_ids.company_id = self.env.company
        rows = self._rows(self.supplier_2)
        self.assertNotIn(store.warehouse_id.id, {key[1] for key in rows})
        self.assertFalse([r for r in rows.values() if r["forecast_qty"] >= 777.0])
        self.assertIn(self.oil.id, {key[2] for key in rows})
        # once it sells to the other company too, its stores are shared
        self.oil.seller_ids = [
            Command.create(
                {
                    "partner_id": self.supplier_2.id,
                    "price": 30.0,
                    "company_id": other.id,
                }
            )
        ]
        rows = self._rows(self.supplier_2)
        self.assertIn(store.warehouse_id.id, {key[1] for key in rows})
