from odoo import _, api, fields, models


class AccountAnalyticLine(models.Model):
    _inherit = "account.analytic.line"

    # The site of the line's account of the plan Stores: the record rules of
    # the store roles and the food cost report go through it. Set when the
    # line is written (the plans' columns are made at run time, so a stored
    # computed field could not depend on them).
    boh_store_id = fields.Many2one(
        "boh.store", string="Store", readonly=True, index="btree_not_null"
    )
    boh_region_id = fields.Many2one(
        related="boh_store_id.region_id", string="Region", store=True
    )
    boh_cost_amount = fields.Monetary(
        string="Cost",
        compute="_compute_boh_cost_amount",
        store=True,
        help="The amount as a cost: an expense is positive.",
    )

    @api.depends("amount")
    def _compute_boh_cost_amount(self):
        for line in self:
            line.boh_cost_amount = -line.amount

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._boh_sync_store()
        return lines

    def write(self, vals):
        res = super().write(vals)
        if set(vals) & {*self._get_plan_fnames(), "auto_account_id"}:
            self._boh_sync_store()
        return res

    def _boh_sync_store(self):
        """Set the site of each line from its accounts (one query for all)."""
        if not self:
            return
        fnames = self._get_plan_fnames()
        account_ids = {line[f].id for line in self for f in fnames if line[f]}
        # sudo: which site an account is, to file lines the caller writes.
        stores = (
            self.env["boh.store"]
            .sudo()
            .with_context(active_test=False)
            .search([("analytic_account_id", "in", list(account_ids))])
        )
        by_account = {s.analytic_account_id.id: s.id for s in stores}
        groups = {}
        for line in self:
            store_id = next(
                (by_account[line[f].id] for f in fnames if line[f].id in by_account),
                False,
            )
            if line.boh_store_id.id != store_id:
                groups.setdefault(store_id, []).append(line.id)
        for store_id, ids in groups.items():
            # sudo: the store is derived from the line's accounts, written by
            # the addon only (the field is read-only).
            self.browse(ids).sudo().write({"boh_store_id": store_id})

    @api.model
    def action_boh_food_cost(self):
        """Food Cost by Store: the analytic lines of the food cost accounts
        (Settings) of the stores, by store and month."""
        # sudo: the list of accounts is configuration that store roles may not
        # read; only their ids go into the domain, the lines stay under the
        # record rules of the caller.
        accounts = self.env.companies.sudo()._boh_food_cost_accounts()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "boh_store_account.action_boh_food_cost"
        )
        action["domain"] = [
            ("general_account_id", "in", accounts.ids),
            ("boh_store_id", "!=", False),
        ]
        action["display_name"] = _("Food Cost by Store")
        return action
