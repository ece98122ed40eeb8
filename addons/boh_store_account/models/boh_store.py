from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.boh_base.models.boh_store import BohStore as BaseStore


class BohStore(models.Model):
    _inherit = "boh.store"

    # Where a site's costs are booked is the accountants' choice, made by BOH
    # administrators, never by the store's own people.
    _boh_admin_fields = BaseStore._boh_admin_fields | {
        "analytic_account_id",
        "waste_account_id",
    }

    analytic_account_id = fields.Many2one(
        "account.analytic.account",
        string="Analytic Account",
        ondelete="restrict",
        index="btree_not_null",
        copy=False,
        check_company=True,
        tracking=True,
        help="The site in the accounts: purchases delivered here, its cost of"
        " goods and its waste carry it (plan Stores).",
    )
    waste_account_id = fields.Many2one(
        "account.account",
        string="Waste Account",
        check_company=True,
        domain="[('account_type', 'in', ('expense', 'expense_direct_cost'))]",
        tracking=True,
        help="Expense account of this site's waste; empty: the company's Waste"
        " Account (Settings).",
    )

    @api.constrains("analytic_account_id")
    def _check_analytic_account_id(self):
        accounts = self.analytic_account_id
        if not accounts:
            return
        shared = self.with_context(active_test=False).search(
            [("analytic_account_id", "in", accounts.ids)]
        )
        for store in self.filtered("analytic_account_id"):
            others = shared.filtered(
                lambda s, st=store: (
                    s.analytic_account_id == st.analytic_account_id and s != st
                )
            )
            if others:
                raise ValidationError(
                    _(
                        "Store %(store)s: the Analytic Account %(account)s is"
                        " already the account of %(other)s. Each site has an"
                        " account of its own.",
                        store=store.display_name,
                        account=store.analytic_account_id.display_name,
                        other=others[0].display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        stores = super().create(vals_list)
        stores.filtered(
            lambda s: not s.analytic_account_id
        )._boh_create_analytic_accounts()
        return stores

    def write(self, vals):
        res = super().write(vals)
        if "region_id" in vals or "active" in vals:
            self._boh_sync_analytic_accounts()
        return res

    def _boh_analytic_plans(self):
        """The plan of each site's account: its region's sub-plan of Stores."""
        plans = self.region_id._boh_get_analytic_plans()
        default = self.env.ref("boh_store_account.analytic_plan_stores")
        return {store: plans.get(store.region_id, default) for store in self}

    def _boh_create_analytic_accounts(self):
        """Create the analytic account of sites that have none, in one batch."""
        if not self:
            return
        plans = self._boh_analytic_plans()
        # sudo: the account only mirrors a site its creator was allowed to
        # create (BOH administrators); store roles have no analytic rights.
        accounts = (
            self.env["account.analytic.account"]
            .sudo()
            .create(
                [
                    {
                        "name": store.name,
                        "code": store.code,
                        "plan_id": plans[store].id,
                        "company_id": store.company_id.id,
                        "active": store.active,
                    }
                    for store in self
                ]
            )
        )
        for store, account in zip(self, accounts, strict=True):
            # sudo: see above; the store's account is set by the addon only.
            store.sudo().analytic_account_id = account

    def _boh_sync_analytic_accounts(self):
        """Name, code, plan (region) and archive state of the sites' accounts
        follow the sites."""
        stores = self.filtered("analytic_account_id")
        if not stores:
            return
        plans = stores._boh_analytic_plans()
        for store in stores:
            account = store.analytic_account_id.sudo()
            vals = {
                "name": store.name,
                "code": store.code,
                "plan_id": plans[store].id,
                "active": store.active,
            }
            vals = {
                key: value
                for key, value in vals.items()
                if (account[key].id if key == "plan_id" else account[key]) != value
            }
            if vals:
                # sudo: the account mirrors the site (see
                # _boh_create_analytic_accounts).
                account.write(vals)

    def _boh_analytic_distribution(self):
        """The site's analytic distribution: all on its account."""
        self.ensure_one()
        account = self.analytic_account_id
        return {str(account.id): 100.0} if account else {}
