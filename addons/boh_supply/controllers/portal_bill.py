"""Supplier portal: the supplier's bills, uploaded as a PDF with a UBL file
(read and matched to the order lines by ``lib/ubl``) or typed line by line."""

from odoo import _, fields, http
from odoo.exceptions import MissingError, UserError
from odoo.http import request

from odoo.addons.boh_base.services.inputs import check_number

from ..lib.ubl import UblError, match_invoice_lines, parse_invoice, unknown_order_refs
from .portal_base import PDF_MIMETYPES, XML_MIMETYPES, BohPortalBase


class BohBillPortal(BohPortalBase):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "boh_bill_count" in counters:
            supplier = self._boh_counter_supplier()
            # sudo: bills are not readable by portal users; filtered on their supplier
            values["boh_bill_count"] = (
                request.env["account.move"]
                .sudo()
                .search_count(self._boh_bill_domain(supplier))
                if supplier
                else 0
            )
        return values

    def _boh_bill_domain(self, supplier):
        return [
            ("move_type", "=", "in_invoice"),
            ("commercial_partner_id", "=", supplier.id),
            ("boh_portal_upload", "=", True),
        ]

    @http.route("/my/boh/bills", type="http", auth="user", website=True)
    def boh_portal_bills(self, **kw):
        supplier = self._boh_supplier()
        values = self._prepare_portal_layout_values()
        # sudo: bills are not readable by portal users; filtered on their supplier
        bills = (
            request.env["account.move"]
            .sudo()
            .search(self._boh_bill_domain(supplier), limit=200)
        )
        values.update({"bills": bills, "page_name": "boh_bills"})
        return request.render("boh_supply.portal_my_bills", values)

    @http.route("/my/boh/bill/<int:bill_id>", type="http", auth="user", website=True)
    def boh_portal_bill(self, bill_id, **kw):
        supplier = self._boh_supplier()
        try:
            bill_sudo = self._boh_own_record(
                "account.move", bill_id, self._boh_bill_domain(supplier), _("Invoice")
            )
        except MissingError:
            return request.redirect("/my")
        values = self._get_page_view_values(
            bill_sudo,
            bill_sudo._portal_ensure_token(),
            {"bill": bill_sudo, "page_name": "boh_bill"},
            "my_boh_bill_history",
            False,
            **kw,
        )
        return request.render("boh_supply.portal_my_bill", values)

    def _boh_bill_form_values(self, orders, error=None, post=None):
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "orders": orders,
                "error": error,
                "post": post or {},
                "page_name": "boh_bill_new",
                "boh_today": fields.Date.context_today(request.env.user).isoformat(),
            }
        )
        return values

    @http.route(
        "/my/boh/bill/new", type="http", auth="user", methods=["GET"], website=True
    )
    def boh_portal_bill_new(self, order_ids=None, **kw):
        orders, error = self._boh_form_orders(order_ids, ("purchase", "done"))
        if error:
            return self._boh_redirect("/my/purchase", error=error)
        return request.render(
            "boh_supply.portal_bill_new", self._boh_bill_form_values(orders)
        )

    def _boh_match_ubl_lines(self, parsed, orders):
        """Purchase order lines of ``orders`` for each line of a parsed UBL
        invoice (matched by ``lib/ubl``), with its checked quantity and price."""
        supplier = self._boh_supplier()
        unknown = unknown_order_refs(
            parsed, orders.mapped("name") + orders.mapped("partner_ref")
        )
        if unknown:
            raise UserError(
                _(
                    "The invoice refers to orders %(orders)s, which are not "
                    "among the orders chosen for %(supplier)s.",
                    orders=", ".join(unknown),
                    supplier=supplier.display_name,
                )
            )
        product_lines = orders.order_line.filtered(lambda rec: not rec.display_type)
        candidates = [
            {
                "id": pol.id,
                "codes": {pol.product_id.default_code}
                | set(pol.product_id.seller_ids.mapped("product_code")),
            }
            for pol in product_lines
        ]
        result = []
        for ubl_line, ids in match_invoice_lines(parsed, candidates):
            if len(ids) != 1:
                raise UserError(
                    _(
                        "Invoice line %(line)s (%(name)s) matches no single line "
                        "of the chosen orders.",
                        line=ubl_line["line_id"] or "?",
                        name=ubl_line["name"],
                    )
                )
            label = _(
                "Invoice line %(line)s (%(name)s)",
                line=ubl_line["line_id"] or "?",
                name=ubl_line["name"],
            )
            result.append(
                {
                    "line": product_lines.browse(ids),
                    "qty": check_number(
                        ubl_line["quantity"], label, _("Quantity (UBL)")
                    ),
                    "price": check_number(
                        ubl_line["price_unit"], label, _("Price (UBL)")
                    ),
                }
            )
        return result

    @http.route(
        "/my/boh/bill/new", type="http", auth="user", methods=["POST"], website=True
    )
    def boh_portal_bill_create(self, order_ids=None, **post):
        supplier = self._boh_supplier()
        orders, error = self._boh_form_orders(order_ids, ("purchase", "done"))
        if error:
            return self._boh_redirect("/my/purchase", error=error)
        files = request.httprequest.files

        def create_bill():
            attachments = []
            pdf = files.get("invoice_pdf")
            if not pdf or not pdf.filename:
                raise UserError(_("Attach the invoice as a PDF file."))
            attachments.append(
                self._boh_check_file(pdf, PDF_MIMETYPES, _("Invoice PDF"))
            )
            xml = files.get("invoice_xml")
            ref = (post.get("ref") or "").strip()
            invoice_label = _("Invoice %(ref)s", ref=ref or "-")
            invoice_date = self._boh_date(
                post.get("invoice_date"), invoice_label, _("Invoice date")
            )
            if xml and xml.filename:
                name, data, mimetype = self._boh_check_file(
                    xml, XML_MIMETYPES | {"text/plain"}, _("UBL file")
                )
                try:
                    parsed = parse_invoice(data)
                except UblError as exc:
                    raise UserError(
                        _("The UBL file cannot be read: %(error)s", error=str(exc))
                    ) from exc
                attachments.append((name, data, "application/xml"))
                ref = ref or parsed["number"]
                invoice_date = invoice_date or self._boh_date(
                    parsed["issue_date"],
                    _("Invoice %(ref)s", ref=ref or "-"),
                    _("Issue date (UBL)"),
                )
                line_values = self._boh_match_ubl_lines(parsed, orders)
            else:
                line_values = []
                for pol in orders.order_line.filtered(lambda rec: not rec.display_type):
                    label = f"{pol.order_id.name} {pol.product_id.display_name}"
                    qty = self._boh_float(
                        post.get(f"qty_{pol.id}"), label, _("Quantity")
                    )
                    price = self._boh_float(
                        post.get(f"price_{pol.id}"), label, _("Unit price")
                    )
                    if not qty:
                        continue
                    line_values.append(
                        {
                            "line": pol,
                            "qty": qty,
                            "price": pol.price_unit if price is None else price,
                        }
                    )
            # sudo: portal users cannot create bills; the orders were read as
            # the portal user and the method checks the supplier again
            bill_sudo = (
                request.env["purchase.order"]
                .sudo()
                .with_context(boh_author_id=request.env.user.partner_id.id)
                ._boh_create_supplier_bill(
                    supplier, line_values, ref, invoice_date, attachments
                )
            )
            return bill_sudo

        return self._boh_handle_form(
            create_bill,
            lambda error: request.render(
                "boh_supply.portal_bill_new",
                self._boh_bill_form_values(orders, error=error, post=post),
            ),
            lambda bill_sudo: request.redirect(f"/my/boh/bill/{bill_sudo.id}"),
        )
