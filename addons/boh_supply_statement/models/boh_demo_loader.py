from datetime import timedelta

from odoo import api, fields, models

from ..services.statement_lines import month_bounds


class BohDemoLoader(models.AbstractModel):
    _inherit = "boh.demo.loader"

    @api.model
    def load_statement_demo(self):
        """Last month's statements on the chain boh_supply's demo loaded: the
        first two suppliers' received orders billed (one line dearer than
        ordered, one order left unbilled), their statements sent to them."""
        self._check_demo_loader_access()
        orders = self.env["purchase.order"].search([("state", "=", "purchase")])
        return self._load_supply_statements(orders)

    def _load_supply_statements(self, orders):
        today = fields.Date.context_today(self)
        date_from, date_to = month_bounds(today.replace(day=1) - timedelta(days=1))
        Statement = self.env["boh.supplier.statement"]
        if Statement.search_count(
            [("date_from", "=", date_from), ("company_id", "=", self.env.company.id)],
            limit=1,
        ):
            return Statement.browse()
        last_month = orders.filtered(
            lambda o: (
                o.state == "purchase"
                and o.date_planned
                and date_from <= o.date_planned.date() <= date_to
                and o.picking_ids.filtered(lambda p: p.state == "done")
            )
        )
        suppliers = last_month.partner_id.commercial_partner_id.sorted("id")[:2]
        has_journal = self.env["account.journal"].search_count(
            [("type", "=", "purchase"), ("company_id", "=", self.env.company.id)],
            limit=1,
        )
        if has_journal:
            self._bill_demo_orders(
                last_month.filtered(lambda o: o.partner_id in suppliers), date_to
            )
        statements = (
            Statement.with_env(self._quiet_env())
            ._boh_generate(date_from, self.env.company)
            .filtered(lambda s: s.partner_id in suppliers)
        )
        # sudo: the demo sends as a buyer would; suppliers may have no email
        statements.sudo().action_send()
        return statements

    def _bill_demo_orders(self, orders, date_to):
        """Bills for every order but the last (received, not billed), dated
        at the end of the month; the first bill's first line 8 % dearer than
        ordered (a price difference)."""
        orders = orders.sorted("id")
        to_bill = orders[:-1] if len(orders) > 1 else orders
        bills = self.env["account.move"]
        for order in to_bill:
            action = order.with_env(self._quiet_env()).action_create_invoice()
            bills |= self.env["account.move"].browse(action.get("res_id"))
        bills = bills.filtered(lambda b: b.state == "draft")
        if not bills:
            return
        first_line = bills[:1].invoice_line_ids.filtered("purchase_line_id")[:1]
        if first_line:
            first_line.price_unit = round(first_line.price_unit * 1.08, 2)
        bills.write({"invoice_date": date_to})
        bills.action_post()
