from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare

from odoo.addons.boh_base.services.inputs import check_date, check_number


class AccountMove(models.Model):
    _inherit = "account.move"

    boh_portal_upload = fields.Boolean(
        string="Uploaded by Supplier", copy=False, readonly=True, index=True
    )
    boh_supply_diff = fields.Boolean(
        string="Differences with Receipts",
        compute="_compute_boh_supply_diff",
        store=True,
        help="A quantity or a price of the bill differs from what was received "
        "or ordered.",
    )

    @api.depends(
        "invoice_line_ids.quantity",
        "invoice_line_ids.price_unit",
        "invoice_line_ids.purchase_line_id.qty_received",
        "invoice_line_ids.purchase_line_id.qty_invoiced",
        "invoice_line_ids.purchase_line_id.price_unit",
    )
    def _compute_boh_supply_diff(self):
        for move in self:
            move.boh_supply_diff = any(move.invoice_line_ids.mapped("boh_has_diff"))

    # ------------------------------------------------------------------
    # Bills a supplier uploads on the portal
    # ------------------------------------------------------------------
    @api.model
    def _boh_check_supplier_bill_line(self, pol, qty, price, ref):
        product = pol.product_id.display_name
        label = _(
            "Invoice %(ref)s, %(order)s %(product)s",
            ref=ref,
            order=pol.order_id.name,
            product=product,
        )
        qty = check_number(qty, label, _("Quantity"))
        price = check_number(price, label, _("Unit price"))
        if qty < 0 or price < 0:
            raise UserError(
                _(
                    "Invoice %(ref)s, %(order)s %(product)s: quantity and "
                    "price cannot be negative.",
                    ref=ref,
                    order=pol.order_id.name,
                    product=product,
                )
            )
        billable = pol.product_qty - pol.qty_invoiced
        if (
            float_compare(qty, billable, precision_rounding=pol.product_uom.rounding)
            > 0
        ):
            raise UserError(
                _(
                    "Invoice %(ref)s, %(order)s %(product)s: %(qty)s billed "
                    "but only %(billable)s left to bill on the order.",
                    ref=ref,
                    order=pol.order_id.name,
                    product=product,
                    qty=qty,
                    billable=billable,
                )
            )

    @api.model
    def _boh_create_from_supplier_upload(
        self, partner, line_values, ref, invoice_date=None, attachments=()
    ):
        """Create a draft vendor bill from a supplier's upload.

        ``line_values``: ``[{"line": purchase.order.line, "qty", "price"}]``;
        ``attachments``: ``[(file name, bytes, mimetype)]``.  Everything is
        checked before the bill is created.
        """
        partner = partner.commercial_partner_id
        ref = (ref or "").strip()
        if not ref:
            raise UserError(_("Give the number of your invoice."))
        if not line_values:
            raise UserError(_("The invoice %(ref)s has no line.", ref=ref))
        orders = self.env["purchase.order"]
        for values in line_values:
            orders |= values["line"].order_id
        foreign = orders.filtered(
            lambda po: po.partner_id.commercial_partner_id != partner
        )
        if foreign:
            raise UserError(
                _(
                    "Invoice %(ref)s: orders %(orders)s are not orders of "
                    "%(supplier)s.",
                    ref=ref,
                    orders=", ".join(foreign.mapped("name")),
                    supplier=partner.display_name,
                )
            )
        closed = orders.filtered(lambda po: po.state not in ("purchase", "done"))
        if closed:
            raise UserError(
                _(
                    "Invoice %(ref)s: orders %(orders)s are not confirmed.",
                    ref=ref,
                    orders=", ".join(closed.mapped("name")),
                )
            )
        if len(orders.company_id) > 1 or len(orders.currency_id) > 1:
            raise UserError(
                _(
                    "Invoice %(ref)s: the orders must share one company and one "
                    "currency.",
                    ref=ref,
                )
            )
        if invoice_date:
            invoice_date = check_date(
                invoice_date, _("Invoice %(ref)s", ref=ref), _("Invoice date")
            )
        duplicate = self.env["account.move"].search_count(
            [
                ("move_type", "=", "in_invoice"),
                ("commercial_partner_id", "=", partner.id),
                ("ref", "=", ref),
                ("state", "!=", "cancel"),
            ]
        )
        if duplicate:
            raise UserError(_("Invoice %(ref)s has already been uploaded.", ref=ref))
        lines_cmd = []
        for values in line_values:
            pol, qty, price = values["line"], values["qty"], values["price"]
            self._boh_check_supplier_bill_line(pol, qty, price, ref)
            if not qty:
                continue
            line_vals = pol._prepare_account_move_line()
            line_vals.update({"quantity": qty, "price_unit": price})
            lines_cmd.append((0, 0, line_vals))
        if not lines_cmd:
            raise UserError(_("The invoice %(ref)s bills nothing.", ref=ref))
        first = orders.sorted("id")[0]
        move_vals = first.with_context(
            default_move_type="in_invoice"
        )._prepare_invoice()
        move_vals.update(
            {
                "ref": ref,
                "payment_reference": ref,
                "invoice_date": invoice_date or fields.Date.context_today(self),
                "invoice_origin": ", ".join(orders.mapped("name")),
                "invoice_line_ids": lines_cmd,
                "boh_portal_upload": True,
            }
        )
        bill = (
            self.env["account.move"]
            .with_company(first.company_id)
            .with_context(default_move_type="in_invoice")
            .create(move_vals)
        )
        files = self.env["ir.attachment"]
        if attachments:
            files = self.env["ir.attachment"].create(
                [
                    {
                        "name": name,
                        "raw": data,
                        "mimetype": mimetype,
                        "res_model": "account.move",
                        "res_id": bill.id,
                        "company_id": bill.company_id.id,
                    }
                    for name, data, mimetype in attachments
                ]
            )
        diff_lines = bill.invoice_line_ids.filtered("boh_has_diff")
        body = Markup("%s") % _("Bill uploaded by the supplier through the portal.")
        if diff_lines:
            items = Markup("")
            for line in diff_lines:
                items += Markup("<li>%s</li>") % _(
                    "%(product)s: billed %(qty)s, received %(received)s, "
                    "price %(price)s vs ordered %(ordered)s",
                    product=line.product_id.display_name,
                    qty=line.quantity,
                    received=line.boh_qty_received,
                    price=line.price_unit,
                    ordered=line.boh_price_ordered,
                )
            body += Markup("<br/>%s<ul>%s</ul>") % (
                _("Differences with the order and the receipts:"),
                items,
            )
        bill.message_post(
            body=body,
            author_id=orders._boh_author_id(),
            attachment_ids=files.ids,
        )
        for order in orders:
            order.message_post(
                body=Markup("%s %s") % (_("Supplier bill uploaded:"), ref),
                author_id=orders._boh_author_id(),
            )
        return bill
