from datetime import timedelta

from odoo import _, fields, models

from odoo.addons.boh_base.services.inputs import check_date


def _last_month(record):
    today = fields.Date.context_today(record)
    return (today.replace(day=1) - timedelta(days=1)).replace(day=1)


class BohSupplierStatementGenerate(models.TransientModel):
    _name = "boh.supplier.statement.generate"
    _description = "Generate Supplier Statements"

    month = fields.Date(
        required=True,
        default=_last_month,
        help="Any day of the month: statements cover it from its first to its "
        "last day.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    def action_generate(self):
        self.ensure_one()
        check_date(self.month, _("Generate Supplier Statements"), _("Month"))
        Statement = self.env["boh.supplier.statement"].with_company(self.company_id)
        statements = Statement._boh_generate(self.month, self.company_id)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "boh_supply_statement.boh_supplier_statement_action"
        )
        first = self.month.replace(day=1)
        action["domain"] = [
            ("date_from", "=", first),
            ("company_id", "=", self.company_id.id),
        ]
        action["context"] = {}
        if not statements:
            action["help"] = _(
                "No new statement: every supplier with activity in the month "
                "already has one, or none had activity."
            )
        return action
