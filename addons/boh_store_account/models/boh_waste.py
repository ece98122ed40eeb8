from odoo import Command, _, fields, models
from odoo.exceptions import UserError

from odoo.addons.boh_store_ops.models.boh_waste import BohWaste as BaseWaste


class BohWaste(models.Model):
    _inherit = "boh.waste"

    _boh_workflow_fields = BaseWaste._boh_workflow_fields | {"account_move_id"}

    account_move_id = fields.Many2one(
        "account.move",
        string="Journal Entry",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The entry of the waste's value: Odoo's valuation entry of the"
        " scrap (automated valuation) or the entry BOH posts (periodic"
        " valuation).",
    )

    def _prepare_scrap_values(self):
        vals = super()._prepare_scrap_values()
        vals["boh_waste_id"] = self.id
        return vals

    def action_post(self):
        res = super().action_post()
        self._boh_post_waste_entries()
        return res

    def _boh_post_waste_entries(self):
        """Give each posted waste its journal entry, once.

        Automated valuation: Odoo posted it when the scrap was validated (to
        the waste account, with the store's distribution: see stock.move);
        it is only linked. Periodic valuation: nothing was posted, BOH posts
        the waste's value from the waste account against the category's
        stock (or expense) account. No waste account configured: nothing.
        """
        # sudo: the waste entries are posted already (their state was checked
        # by action_post against the caller's rights); the journal entries are
        # the accounting of that posting, made whatever the poster's role.
        wastes = self.sudo().filtered(
            lambda w: w.state == "done" and w.scrap_id and not w.account_move_id
        )
        periodic, vals_list = [], []
        for waste in wastes:
            product = waste.product_id.with_company(waste.company_id)
            if product.valuation == "real_time":
                entry = waste.scrap_id.move_ids.account_move_ids[:1]
                if entry:
                    waste.account_move_id = entry
                continue
            vals = waste._boh_prepare_periodic_entry_values()
            if vals:
                periodic.append(waste)
                vals_list.append(vals)
        if not vals_list:
            return
        entries = self.env["account.move"].sudo().create(vals_list)
        entries.action_post()
        for waste, entry in zip(periodic, entries, strict=True):
            waste.account_move_id = entry

    def _boh_waste_value(self):
        """The value that left the stock: the scrap's valuation layers (the
        cost the stock really had), else quantity x frozen unit cost."""
        self.ensure_one()
        layers = self.scrap_id.move_ids.stock_valuation_layer_ids
        value = -sum(layers.mapped("value")) if layers else self.amount
        return self.company_id.currency_id.round(value)

    def _boh_prepare_periodic_entry_values(self):
        self.ensure_one()
        company = self.company_id
        account = self.store_id.waste_account_id or company.boh_waste_account_id
        value = self._boh_waste_value()
        if not account or company.currency_id.is_zero(value):
            return None
        product = self.product_id.with_company(company)
        category = product.categ_id
        distribution = self.store_id._boh_analytic_distribution()
        if company.boh_waste_periodic_credit == "expense":
            credit = product.product_tmpl_id.get_product_accounts()["expense"]
            credit_distribution = distribution
        else:
            credit = category.property_stock_valuation_account_id
            credit_distribution = False
        if not credit:
            raise UserError(
                _(
                    "Waste %(waste)s cannot be booked: the product category"
                    " %(category)s has no account to credit. Set its stock"
                    " valuation and expense accounts.",
                    waste=self.name,
                    category=category.display_name,
                )
            )
        journal = (
            company.boh_waste_journal_id
            or category.property_stock_journal
            or self.env["account.journal"].search(
                [("type", "=", "general"), ("company_id", "=", company.id)], limit=1
            )
        )
        if not journal:
            raise UserError(
                _(
                    "Waste %(waste)s cannot be booked: company %(company)s has no"
                    " miscellaneous journal. Set the Waste Journal in the"
                    " settings.",
                    waste=self.name,
                    company=company.display_name,
                )
            )
        label = _(
            "Waste %(waste)s: %(product)s",
            waste=self.name,
            product=product.display_name,
        )
        common = {
            "name": label,
            "product_id": product.id,
            "quantity": self._get_product_qty(),
            "product_uom_id": product.uom_id.id,
        }
        return {
            "move_type": "entry",
            "journal_id": journal.id,
            "company_id": company.id,
            "date": self.date,
            "ref": self.name,
            "line_ids": [
                Command.create(
                    {
                        **common,
                        "account_id": account.id,
                        "balance": value,
                        "analytic_distribution": distribution or False,
                    }
                ),
                Command.create(
                    {
                        **common,
                        "account_id": credit.id,
                        "balance": -value,
                        "analytic_distribution": credit_distribution or False,
                    }
                ),
            ],
        }

    def action_view_account_move(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "res_id": self.account_move_id.id,
            "view_mode": "form",
        }
