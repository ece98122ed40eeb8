from odoo import models

# The other side of a store's stock movement that makes it a cost (or a gain)
# of the store: consumption (production), waste (the scrap location) and count
# differences (inventory loss), sales (customers).
COST_USAGES = ("inventory", "production", "customer")


class StockMove(models.Model):
    _inherit = "stock.move"

    def _boh_valuation_store(self):
        """The site whose stock this move consumes, wastes, sells or counts
        (a receipt from a supplier or a transfer between sites: none)."""
        self.ensure_one()
        # sudo: which site a location belongs to, for the accounting entry of
        # a move the caller is already validating.
        src, dest = self.sudo().location_id, self.sudo().location_dest_id
        if src.usage == "internal" and dest.usage in COST_USAGES:
            return src.warehouse_id.boh_store_ids[:1]
        if dest.usage == "internal" and src.usage in COST_USAGES:
            return dest.warehouse_id.boh_store_ids[:1]
        return self.env["boh.store"].sudo()

    def _boh_waste_account(self):
        """The waste account of a posted waste's scrap: the store's, else the
        company's (none: Odoo's own accounts)."""
        self.ensure_one()
        # sudo: the waste entry and its store are read for the accounting of a
        # scrap already being validated.
        waste = self.sudo().scrap_id.boh_waste_id
        if not waste:
            return self.env["account.account"]
        return waste.store_id.waste_account_id or waste.company_id.boh_waste_account_id

    def _get_dest_account(self, accounts_data):
        waste_account = self._boh_waste_account()
        if waste_account:
            return waste_account.id
        return super()._get_dest_account(accounts_data)

    def _generate_valuation_lines_data(
        self,
        partner_id,
        qty,
        debit_value,
        credit_value,
        debit_account_id,
        credit_account_id,
        svl_id,
        description,
    ):
        """The store's distribution on the cost side (the line that is not
        the stock valuation account) of its consumption, waste and counts."""
        rslt = super()._generate_valuation_lines_data(
            partner_id,
            qty,
            debit_value,
            credit_value,
            debit_account_id,
            credit_account_id,
            svl_id,
            description,
        )
        store = self._boh_valuation_store()
        distribution = store._boh_analytic_distribution() if store else {}
        if not distribution:
            return rslt
        valuation = (
            self.product_id.with_company(self.company_id)
            .sudo()
            .categ_id.property_stock_valuation_account_id
        )
        for key in ("debit_line_vals", "credit_line_vals"):
            vals = rslt.get(key)
            if (
                vals
                and vals.get("account_id") != valuation.id
                and not vals.get("analytic_distribution")
            ):
                vals["analytic_distribution"] = distribution
        return rslt
