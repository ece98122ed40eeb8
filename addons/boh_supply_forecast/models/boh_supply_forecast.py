from collections import defaultdict
from datetime import date, timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError
from odoo.osv import expression


class BohSupplyForecast(models.AbstractModel):
    """Feed the supplier's shared forecast with the stores' demand forecasts.

    ``boh_supply`` gives, per week and delivery site, the quantities already
    ordered from the supplier.  Here the forecast column becomes the demand
    the chain's current forecasts (``boh.forecast``, latest run of each store)
    expect for the supplier's own products, summed per week and store, in the
    companies the supplier sells them to (its supplier prices' companies).
    """

    _inherit = "boh.supply.forecast"

    @api.model
    def _supplier_products(self, partner):
        """Products the supplier sells to the chain (its supplier prices)."""
        return self._supplier_scope(partner)[0]

    @api.model
    def _supplier_scope(self, partner):
        """``(products, domain)``: the supplier's products and the domain of
        the forecasts it may see: those products, in the companies of their
        supplier prices (a price without company: every company)."""
        sellers = self.env["product.supplierinfo"].search(
            [("partner_id", "child_of", partner.commercial_partner_id.id)]
        )
        everywhere = self.env["product.product"]
        per_company = defaultdict(lambda: self.env["product.product"])
        for seller in sellers:
            products = seller.product_id or seller.product_tmpl_id.product_variant_ids
            if seller.company_id:
                per_company[seller.company_id.id] |= products
            else:
                everywhere |= products
        domains = [[("product_id", "in", everywhere.ids)]] if everywhere else []
        domains += [
            [("product_id", "in", products.ids), ("company_id", "=", company_id)]
            for company_id, products in per_company.items()
        ]
        products = everywhere.union(*per_company.values())
        return products, expression.OR(domains) if domains else [(0, "=", 1)]

    @api.model
    def _check_own_supplier(self, partner):
        """A portal user (even through the portal's sudo) gets the forecast
        of its own company only."""
        user = self.env.user
        own = user.partner_id.commercial_partner_id
        if user.share and partner.commercial_partner_id != own:
            raise AccessError(
                _(
                    "%(user)s cannot see the forecast shared with supplier"
                    " %(supplier)s.",
                    user=user.display_name,
                    supplier=partner.commercial_partner_id.display_name,
                )
            )

    @api.model
    def _week_of(self, year_start, iso_week, first, last):
        """The Monday of ISO week ``iso_week`` that falls in ``[first, last)``.

        Groups come by calendar year and ISO week number; around New Year the
        ISO week belongs to the year before or after, hence the candidates.
        """
        for year in (year_start.year, year_start.year + 1, year_start.year - 1):
            try:
                monday = date.fromisocalendar(year, iso_week, 1)
            except ValueError:
                continue
            if first <= monday < last:
                return monday
        return None

    @api.model
    def _forecast_demand(self, products, first, last, domain=None):
        """Current forecast demand ``{(monday, warehouse, product): qty}``.

        ``domain`` limits the forecasts further (the supplier's scope).

        One grouped query whatever the size of the chain: by calendar year,
        ISO week, store and product (the ISO week does not depend on the
        user's language, unlike the ``week`` granularity).
        """
        if not products:
            return {}
        groups = self.env["boh.forecast"]._read_group(
            expression.AND(
                [
                    [
                        ("is_current", "=", True),
                        ("product_id", "in", products.ids),
                        ("date", ">=", first),
                        ("date", "<", last),
                    ],
                    domain or [],
                ]
            ),
            ["date:year", "date:iso_week_number", "store_id", "product_id"],
            ["qty:sum"],
        )
        demand = defaultdict(float)
        for year_start, iso_week, store, product, qty in groups:
            monday = self._week_of(year_start, int(iso_week), first, last)
            if monday is None or not qty:
                continue
            demand[(monday, store.warehouse_id, product)] += qty
        return demand

    @api.model
    def _get_shared_forecast(self, partner, weeks=8):
        self._check_own_supplier(partner)
        rows = super()._get_shared_forecast(partner, weeks)
        partner = partner.commercial_partner_id
        first = self._week_start(fields.Date.context_today(self))
        last = first + timedelta(weeks=weeks)
        products, domain = self._supplier_scope(partner)
        demand = self._forecast_demand(products, first, last, domain)
        merged = {}
        for row in rows:
            key = (row["week"], row["warehouse_id"], row["product_id"])
            # The forecast is the stores' demand, no longer the open orders.
            merged[key] = dict(row, forecast_qty=0.0)
        for (week, warehouse, product), qty in demand.items():
            key = (week, warehouse.id, product.id)
            if key not in merged:
                merged[key] = {
                    "week": week,
                    "warehouse_id": warehouse.id,
                    "warehouse": warehouse.name or "",
                    "product_id": product.id,
                    "product": product.display_name,
                    "uom": product.uom_id.name,
                    "forecast_qty": 0.0,
                    "ordered_qty": 0.0,
                }
            merged[key]["forecast_qty"] += qty
        return sorted(
            merged.values(), key=lambda r: (r["week"], r["warehouse"], r["product"])
        )
