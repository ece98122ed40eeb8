from odoo import api, fields, models


def _key_ids(key):
    return [int(i) for i in key.split(",") if i.strip().isdigit()]


def add_account(distribution, account_id):
    """``distribution`` with ``account_id`` added to each of its combinations
    (an account of another plan is one more id of the key)."""
    if not distribution:
        return {str(account_id): 100.0}
    return {f"{key},{account_id}": share for key, share in distribution.items()}


def replace_account(distribution, old_id, new_id):
    return {
        ",".join(str(new_id if i == old_id else i) for i in _key_ids(key)): share
        for key, share in distribution.items()
    }


class PurchaseOrderLine(models.Model):
    _inherit = "purchase.order.line"

    boh_store_analytic_account_id = fields.Many2one(
        "account.analytic.account",
        string="Store Analytic Account (Automatic)",
        compute="_compute_analytic_distribution",
        store=True,
        readonly=False,
        copy=True,
        help="The delivering store's account that the line's distribution got"
        " automatically: replaced when the order is delivered elsewhere; an"
        " account of the plan Stores typed by the buyer is left as it is.",
    )

    @api.depends("product_id", "order_id.partner_id", "order_id.picking_type_id")
    def _compute_analytic_distribution(self):
        res = super()._compute_analytic_distribution()
        self._boh_apply_store_distribution()
        return res

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        # A distribution given at creation (typed by the buyer, copied) is not
        # computed: the same rule completes it here.
        typed = self.browse(
            [
                line.id
                for line, vals in zip(lines, vals_list, strict=True)
                if vals.get("analytic_distribution")
            ]
        )
        typed._boh_apply_store_distribution()
        return lines

    def _boh_apply_store_distribution(self):
        """The one rule that puts the delivering store on a purchase line,
        whoever creates it (a buyer, a store order's procurement, a copy).

        The distribution gets the store's account (plan Stores) when it has
        no account of that plan; the account it got that way follows the
        order's delivery address (operation type); an account of the plan
        that the buyer chose is kept.
        """
        stores_plan = self.env.ref(
            "boh_store_account.analytic_plan_stores", raise_if_not_found=False
        )
        if not stores_plan:
            # While the addon installs, its plan is not loaded yet when the
            # existing lines are computed; the post-init hook applies the
            # rule to them once the sites have their accounts.
            self.boh_store_analytic_account_id = False
            return
        lines = self.filtered(lambda ln: not ln.display_type)
        (self - lines).boh_store_analytic_account_id = False
        if not lines:
            return
        ids = {
            i
            for line in lines
            for key in (line.analytic_distribution or {})
            for i in _key_ids(key)
        }
        # sudo: only which plan the accounts of the lines belong to, and which
        # site the order's warehouse is, are read.
        Account = self.env["account.analytic.account"].sudo()
        store_account_ids = set(
            Account.browse(ids)
            .exists()
            .filtered(lambda a: a.root_plan_id == stores_plan)
            .ids
        )
        for line in lines:
            store = line.order_id.picking_type_id.sudo().warehouse_id.boh_store_ids[:1]
            target = store.analytic_account_id
            auto = line.boh_store_analytic_account_id
            distribution = dict(line.analytic_distribution or {})
            present = {
                i
                for key in distribution
                for i in _key_ids(key)
                if i in store_account_ids
            }
            if not target:
                pass
            elif not present:
                distribution = add_account(distribution, target.id)
                auto = target
            elif present == {target.id}:
                auto = target
            elif auto and present == {auto.id}:
                distribution = replace_account(distribution, auto.id, target.id)
                auto = target
            line.analytic_distribution = distribution or False
            line.boh_store_analytic_account_id = auto.with_env(self.env)
