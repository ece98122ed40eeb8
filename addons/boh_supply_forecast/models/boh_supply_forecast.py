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
    expect for what the supplier actually supplies: each product at the stores
    that get it from this supplier (their order guides, else the product's
    first seller when it is bought), in the companies and the validity period
    of the supplier's prices.
    """

    _inherit = "boh.supply.forecast"

    @api.model
    def _supplier_products(self, partner):
        """Products the supplier supplies to at least one store."""
        return self._supplier_scope(partner)[0]

    @api.model
    def _is_buy_product(self, product):
        buy = self.env.ref("purchase_stock.route_warehouse0_buy", False)
        return bool(buy) and buy in (
            product.route_ids | product.categ_id.total_route_ids
        )

    @api.model
    def _first_seller(self, product, company):
        """The supplier price the purchase route picks for ``product``."""
        sellers = product.seller_ids.filtered(
            lambda s: (
                (not s.company_id or s.company_id == company)
                and (not s.product_id or s.product_id == product)
            )
        )
        return sellers.sorted(lambda s: (s.sequence, s.min_qty, s.price, s.id))[:1]

    @api.model
    def _supplied_stores(self, partner, products):
        """``{product: stores}``: the stores the supplier supplies each
        product to.

        A store with an order guide orders what its guide lists, from the
        guide's sources: the supplier supplies a product there when one of
        its lines is a supplier line of this supplier. A store without a
        guide replenishes a bought product (Buy route) through the purchase
        route, from the product's first seller.
        """
        commercial = partner.commercial_partner_id
        guide_lines = self.env["boh.order.guide.line"].search(
            [("product_id", "in", products.ids), ("guide_id.active", "=", True)]
        )
        from_supplier = defaultdict(lambda: self.env["boh.store"])
        for gline in guide_lines:
            stores = gline.guide_id.store_ids
            if (
                gline.source_type == "supplier"
                and gline.partner_id.commercial_partner_id == commercial
            ):
                from_supplier[gline.product_id] |= stores
        guided = self.env["boh.order.guide"].search([]).store_ids
        unguided = self.env["boh.store"].search([("store_type", "=", "store")]) - guided
        result = {}
        for product in products:
            stores = from_supplier[product]
            if self._is_buy_product(product):
                stores |= unguided.filtered(
                    lambda store, p=product: (
                        (
                            self._first_seller(p, store.company_id).partner_id
                        ).commercial_partner_id
                        == commercial
                    )
                )
            if stores:
                result[product] = stores
        return result

    @api.model
    def _supplier_scope(self, partner):
        """``(products, domain)``: the products the supplier supplies and the
        domain of the forecasts it may see: each product at the stores it
        supplies it to, in the companies of its supplier prices (a price
        without company: every company), within the validity of those
        prices."""
        sellers = self.env["product.supplierinfo"].search(
            [("partner_id", "child_of", partner.commercial_partner_id.id)]
        )
        periods = defaultdict(list)
        products = self.env["product.product"]
        for seller in sellers:
            variants = seller.product_id or seller.product_tmpl_id.product_variant_ids
            products |= variants
            for product in variants:
                periods[product].append(seller)
        supplied = self._supplied_stores(partner, products)
        domains = []
        for product, stores in supplied.items():
            for seller in periods[product]:
                if seller.company_id:
                    stores_of = stores.filtered(
                        lambda s, c=seller.company_id: s.company_id == c
                    )
                else:
                    stores_of = stores
                if not stores_of:
                    continue
                domain = [
                    ("product_id", "=", product.id),
                    ("store_id", "in", stores_of.ids),
                ]
                if seller.date_start:
                    domain.append(("date", ">=", seller.date_start))
                if seller.date_end:
                    domain.append(("date", "<=", seller.date_end))
                domains.append(domain)
        products = self.env["product.product"].browse([p.id for p in supplied])
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
            if not row["ordered_qty"]:
                # What the reordering rules are about to order: replaced by
                # the stores' demand below.
                continue
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
