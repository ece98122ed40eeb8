"""Supplier portal: orders, confirmations, proposals, shipping notices,
bills, scorecard and shared forecast.

Every route works for the commercial partner of the logged-in portal user
only.  Purchase orders are read through Odoo's own portal rules
(``_document_check_access``); the BOH models have no access right for
portal users, so they are reached here in sudo, always filtered on the
supplier first.  Writes need a logged-in user of the order's supplier (an
access token alone only lets a visitor read), a POST and a CSRF token.
"""

import io
import logging
from datetime import date, timedelta

from werkzeug.urls import url_encode

from odoo import _, fields, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request
from odoo.tools import consteq
from odoo.tools.mimetypes import guess_mimetype

from odoo.addons.boh_base.services.inputs import check_date, check_id, check_number
from odoo.addons.portal.controllers.portal import pager as portal_pager
from odoo.addons.purchase.controllers.portal import CustomerPortal

from ..lib.ubl import UblError, parse_invoice

_logger = logging.getLogger(__name__)

MAX_UPLOAD_SIZE = 10 * 1024 * 1024
PDF_MIMETYPES = {"application/pdf"}
XML_MIMETYPES = {"application/xml", "text/xml"}


class BohSupplyPortal(CustomerPortal):
    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _boh_supplier(self):
        """The commercial partner of the logged-in user; AccessError for visitors."""
        user = request.env.user
        if user._is_public():
            raise AccessError(_("Sign in to work on your orders."))
        return user.partner_id.commercial_partner_id

    def _document_check_access(self, model_name, document_id, access_token=None):
        # An id from the URL beyond any record id would fail in the database
        # (a server error): it is a missing document like any other.
        try:
            document_id = check_id(document_id, model_name, "id")
        except ValidationError as exc:
            raise MissingError(_("This document does not exist.")) from exc
        return super()._document_check_access(
            model_name, document_id, access_token=access_token
        )

    def _boh_order_for_write(self, order_id, access_token=None):
        """The order, in sudo, if the logged-in user belongs to its supplier."""
        order_sudo = self._document_check_access(
            "purchase.order", order_id, access_token=access_token
        )
        if order_sudo.partner_id.commercial_partner_id != self._boh_supplier():
            raise AccessError(_("This order is not one of yours."))
        return order_sudo.with_context(boh_author_id=request.env.user.partner_id.id)

    def _boh_own_orders_domain(self, supplier):
        return [("partner_id", "child_of", supplier.id)]

    def _boh_own_orders(self, order_ids, states=("purchase",)):
        """Orders of the supplier among ``order_ids`` (read as the portal user)."""
        supplier = self._boh_supplier()
        orders = request.env["purchase.order"].search(
            [
                ("id", "in", order_ids),
                ("state", "in", list(states)),
                *self._boh_own_orders_domain(supplier),
            ]
        )
        # sudo: the orders were found as the portal user, on its own supplier;
        # their lines, products and receipts are not readable by portal users
        return orders.sudo()

    @staticmethod
    def _boh_ids(value, record, field):
        """The ids of a form's comma-separated list; ValidationError on any
        part that is not an id."""
        return [
            check_id(part, record, field)
            for part in (value or "").replace(",", " ").split()
        ]

    @staticmethod
    def _boh_float(value, record, field):
        """The number typed in a form field, None when left empty; a decimal
        comma is read as a point. ValidationError naming record and field for
        anything else than a finite number of a sensible size."""
        if value is None or not str(value).strip():
            return None
        return check_number(str(value).replace(",", "."), record, field)

    @staticmethod
    def _boh_date(value, record, field):
        """The date typed in a form field, None when left empty."""
        if not value:
            return None
        return check_date(value, record, field)

    def _boh_form_orders(self, order_ids, states=("purchase",)):
        """The supplier's orders named by a form (``order_ids``), each of them
        its own; ``(orders, error)`` with an empty recordset and a message
        when an id is not an id or not one of the supplier's orders."""
        orders = request.env["purchase.order"].browse()
        try:
            requested = self._boh_ids(order_ids, _("Your orders"), _("Orders"))
        except ValidationError as exc:
            return orders, exc.args[0]
        if requested:
            orders = self._boh_own_orders(requested, states)
        if not orders or len(orders) != len(set(requested)):
            return orders.browse(), _("Choose confirmed orders of yours.")
        return orders, None

    def _boh_redirect(self, url, **params):
        params = {k: v for k, v in params.items() if v}
        if not params:
            return request.redirect(url)
        separator = "&" if "?" in url else "?"
        return request.redirect(url + separator + url_encode(params))

    def _boh_order_redirect(self, order_sudo, **params):
        query = url_encode({k: v for k, v in params.items() if v})
        return request.redirect(
            order_sudo.get_portal_url(query_string="&" + query if query else None)
        )

    def _boh_check_file(self, upload, allowed, label):
        """Read an uploaded file and check its size and its real type."""
        data = upload.read(MAX_UPLOAD_SIZE + 1)
        if not data:
            raise UserError(_("%(file)s: the file is empty.", file=label))
        if len(data) > MAX_UPLOAD_SIZE:
            raise UserError(
                _(
                    "%(file)s: the file is larger than %(size)s MB.",
                    file=label,
                    size=MAX_UPLOAD_SIZE // (1024 * 1024),
                )
            )
        mimetype = guess_mimetype(data, default="application/octet-stream")
        if mimetype not in allowed:
            raise UserError(
                _(
                    "%(file)s: a file of type %(type)s is not accepted.",
                    file=label,
                    type=mimetype,
                )
            )
        return upload.filename or label, data, mimetype

    def _boh_handle_form(self, action, on_error, on_success):
        """Run a supplier's form: ``action()`` checks and writes in a savepoint.

        On a ``UserError``/``ValidationError`` (bad input, a rule of the
        model) nothing is written and ``on_error(message)`` answers (the form
        again, or the page with the message); else ``on_success(result)``.
        """
        try:
            with request.env.cr.savepoint():
                result = action()
        except (UserError, ValidationError) as exc:
            return on_error(exc.args[0])
        return on_success(result)

    def _boh_handle_order_form(self, order_id, access_token, action, success):
        """A form posted on one of the supplier's orders: ``action(order_sudo)``.

        Another supplier's order, a missing one or a visitor: back to /my with
        nothing written.  Then the order page, with the error or ``success``.
        """
        try:
            order_sudo = self._boh_order_for_write(order_id, access_token)
        except (AccessError, MissingError):
            return request.redirect("/my")
        return self._boh_handle_form(
            lambda: action(order_sudo),
            lambda error: self._boh_order_redirect(order_sudo, error=error),
            lambda _result: self._boh_order_redirect(order_sudo, success=success),
        )

    # ------------------------------------------------------------------
    # Home counters
    # ------------------------------------------------------------------
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        user = request.env.user
        if user._is_public() or not user.share:
            for key in ("boh_to_confirm_count", "boh_asn_count", "boh_bill_count"):
                if key in counters:
                    values[key] = 0
            return values
        supplier = user.partner_id.commercial_partner_id
        if "boh_to_confirm_count" in counters:
            values["boh_to_confirm_count"] = request.env["purchase.order"].search_count(
                [
                    ("state", "in", ("sent", "purchase")),
                    ("boh_confirmation_state", "=", "to_confirm"),
                    *self._boh_own_orders_domain(supplier),
                ]
            )
        if "boh_asn_count" in counters:
            # sudo: portal users have no right on boh.asn; filtered on their supplier
            values["boh_asn_count"] = (
                request.env["boh.asn"]
                .sudo()
                .search_count([("partner_id", "=", supplier.id)])
            )
        if "boh_bill_count" in counters:
            # sudo: bills are not readable by portal users; filtered on their supplier
            values["boh_bill_count"] = (
                request.env["account.move"]
                .sudo()
                .search_count(self._boh_bill_domain(supplier))
            )
        return values

    # ------------------------------------------------------------------
    # Order lists: search and confirmation filters
    # ------------------------------------------------------------------
    def _boh_searchbar_inputs(self):
        return {
            "name": {"input": "name", "label": _("Search in Reference")},
            "product": {"input": "product", "label": _("Search in Products")},
        }

    def _boh_search_domain(self, search, search_in):
        if not search:
            return []
        if search_in == "product":
            return [("order_line.product_id", "ilike", search)]
        return ["|", ("name", "ilike", search), ("partner_ref", "ilike", search)]

    def _boh_add_search(self, response, search, search_in):
        values = response.qcontext
        values.update(
            {
                "searchbar_inputs": self._boh_searchbar_inputs(),
                "search_in": search_in,
                "search": search,
            }
        )
        if search:
            extra = "&" + url_encode({"search": search, "search_in": search_in})
            pager = values.get("pager") or {}
            for key in (
                "page",
                "page_first",
                "page_start",
                "page_previous",
                "page_next",
                "page_end",
                "page_last",
            ):
                if isinstance(pager.get(key), dict):
                    pager[key]["url"] += extra
            for page in pager.get("pages", []):
                page["url"] += extra
        return response

    @http.route()
    def portal_my_requests_for_quotation(
        self,
        page=1,
        date_begin=None,
        date_end=None,
        sortby=None,
        filterby=None,
        search=None,
        search_in="name",
        **kw,
    ):
        response = self._render_portal(
            "purchase.portal_my_purchase_rfqs",
            page,
            date_begin,
            date_end,
            sortby,
            filterby,
            [("state", "=", "sent"), *self._boh_search_domain(search, search_in)],
            {},
            None,
            "/my/rfq",
            "my_rfqs_history",
            "rfq",
            "rfqs",
        )
        return self._boh_add_search(response, search, search_in)

    @http.route()
    def portal_my_purchase_orders(
        self,
        page=1,
        date_begin=None,
        date_end=None,
        sortby=None,
        filterby=None,
        search=None,
        search_in="name",
        **kw,
    ):
        done_states = ["purchase", "done", "cancel"]
        filters = {
            "all": {"label": _("All"), "domain": [("state", "in", done_states)]},
            "purchase": {
                "label": _("Purchase Order"),
                "domain": [("state", "=", "purchase")],
            },
            "cancel": {"label": _("Cancelled"), "domain": [("state", "=", "cancel")]},
            "done": {"label": _("Locked"), "domain": [("state", "=", "done")]},
        }
        confirm_filters = {
            "to_confirm": _("To Confirm"),
            "proposed": _("Changes Proposed"),
            "confirmed": _("Confirmed"),
            "rejected": _("Rejected"),
        }
        for key, label in confirm_filters.items():
            filters[f"boh_{key}"] = {
                "label": label,
                "domain": [
                    ("state", "in", done_states),
                    ("boh_confirmation_state", "=", key),
                ],
            }
        response = self._render_portal(
            "purchase.portal_my_purchase_orders",
            page,
            date_begin,
            date_end,
            sortby,
            filterby,
            self._boh_search_domain(search, search_in),
            filters,
            "all",
            "/my/purchase",
            "my_purchases_history",
            "purchase",
            "orders",
        )
        return self._boh_add_search(response, search, search_in)

    def _purchase_order_get_page_view_values(self, order, access_token, **kwargs):
        values = super()._purchase_order_get_page_view_values(
            order, access_token, **kwargs
        )
        user = request.env.user
        values["boh_can_act"] = bool(
            not user._is_public()
            and order.partner_id.commercial_partner_id
            == user.partner_id.commercial_partner_id
        )
        values["boh_today"] = fields.Date.context_today(order).isoformat()
        return values

    # ------------------------------------------------------------------
    # Confirm, reject, propose
    # ------------------------------------------------------------------
    @staticmethod
    def _boh_ticked_lines(order_sudo, raw_line_ids):
        """The lines ticked in a portal form (None: all of them); the ids are
        checked to be ids here, and to be the order's own lines by the
        order's supplier methods."""
        line_ids = [
            check_id(
                value,
                _("Order %(order)s", order=order_sudo.name),
                _("Order lines"),
            )
            for value in raw_line_ids
        ]
        return order_sudo.order_line.browse(line_ids) if line_ids else None

    @http.route(
        "/my/purchase/<int:order_id>/boh/confirm",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def boh_portal_confirm(self, order_id, access_token=None, **post):
        raw_line_ids = request.httprequest.form.getlist("line_ids")

        def confirm(order_sudo):
            lines = self._boh_ticked_lines(order_sudo, raw_line_ids)
            return order_sudo._boh_supplier_confirm(lines)

        return self._boh_handle_order_form(
            order_id, access_token, confirm, _("Thank you: confirmed.")
        )

    @http.route(
        "/my/purchase/<int:order_id>/boh/reject",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def boh_portal_reject(self, order_id, access_token=None, reason=None, **post):
        """Reject the whole order, or the lines ticked in the lines form
        (whose text box is ``note``)."""
        raw_line_ids = request.httprequest.form.getlist("line_ids")

        def reject(order_sudo):
            lines = self._boh_ticked_lines(order_sudo, raw_line_ids)
            return order_sudo._boh_supplier_reject(
                reason or post.get("note"), lines=lines
            )

        return self._boh_handle_order_form(
            order_id,
            access_token,
            reject,
            _("The order is rejected.")
            if not raw_line_ids
            else _("The selected lines are rejected."),
        )

    @http.route(
        "/my/purchase/<int:order_id>/boh/propose",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def boh_portal_propose(self, order_id, access_token=None, note=None, **post):
        def propose(order_sudo):
            proposals = []
            for line in order_sudo._boh_product_lines():
                label = _(
                    "Order %(order)s, %(product)s",
                    order=order_sudo.name,
                    product=line.product_id.display_name,
                )
                qty = self._boh_float(
                    post.get(f"qty_{line.id}"), label, _("Proposed quantity")
                )
                price = self._boh_float(
                    post.get(f"price_{line.id}"), label, _("Proposed price")
                )
                day = self._boh_date(
                    post.get(f"date_{line.id}"), label, _("Proposed date")
                )
                if qty is None and price is None and day is None:
                    continue
                proposals.append(
                    {"line": line, "qty": qty, "price": price, "date": day}
                )
            return order_sudo._boh_supplier_propose(proposals, note=note)

        return self._boh_handle_order_form(
            order_id,
            access_token,
            propose,
            _("Your proposal has been sent to the buyer."),
        )

    # ------------------------------------------------------------------
    # Shipping notices
    # ------------------------------------------------------------------
    def _boh_asn_check_access(self, asn_id, access_token=None, write=False):
        """The notice in sudo if it is the user's supplier's (or the token matches
        and only reading is asked)."""
        try:
            asn_id = check_id(asn_id, _("Shipping notice"), "id")
        except ValidationError as exc:
            raise MissingError(_("This document does not exist.")) from exc
        # sudo: portal users have no right on boh.asn; access is checked below
        asn_sudo = request.env["boh.asn"].sudo().browse(asn_id).exists()
        if not asn_sudo:
            raise MissingError(_("This document does not exist."))
        user = request.env.user
        if not user._is_public() and (
            asn_sudo.partner_id == user.partner_id.commercial_partner_id
        ):
            return asn_sudo
        if (
            not write
            and access_token
            and asn_sudo.access_token
            and consteq(asn_sudo.access_token, access_token)
        ):
            return asn_sudo
        raise AccessError(_("This shipping notice is not one of yours."))

    @http.route(
        ["/my/boh/asn", "/my/boh/asn/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def boh_portal_asns(self, page=1, **kw):
        supplier = self._boh_supplier()
        # sudo: portal users have no right on boh.asn; filtered on their supplier
        Asn = request.env["boh.asn"].sudo()
        domain = [("partner_id", "=", supplier.id)]
        pager = portal_pager(
            url="/my/boh/asn",
            total=Asn.search_count(domain),
            page=page,
            step=self._items_per_page,
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "asns": Asn.search(
                    domain, limit=self._items_per_page, offset=pager["offset"]
                ),
                "pager": pager,
                "page_name": "boh_asn",
                "default_url": "/my/boh/asn",
            }
        )
        return request.render("boh_supply.portal_my_asns", values)

    @http.route("/my/boh/asn/<int:asn_id>", type="http", auth="public", website=True)
    def boh_portal_asn(self, asn_id, access_token=None, **kw):
        try:
            asn_sudo = self._boh_asn_check_access(asn_id, access_token)
        except (AccessError, MissingError):
            return request.redirect("/my")
        values = self._get_page_view_values(
            asn_sudo,
            asn_sudo.access_token or asn_sudo._portal_ensure_token(),
            {"asn": asn_sudo, "page_name": "boh_asn_detail"},
            "my_boh_asn_history",
            False,
            **kw,
        )
        return request.render("boh_supply.portal_my_asn", values)

    def _boh_asn_form_values(self, orders, error=None, post=None):
        values = self._prepare_portal_layout_values()
        announced = orders.order_line._boh_qty_announced() if orders else {}
        values.update(
            {
                "orders": orders,
                "announced": announced,
                "error": error,
                "post": post or {},
                "page_name": "boh_asn_new",
                "boh_today": fields.Date.context_today(request.env.user).isoformat(),
            }
        )
        return values

    @http.route(
        "/my/boh/asn/new", type="http", auth="user", methods=["GET"], website=True
    )
    def boh_portal_asn_new(self, order_ids=None, **kw):
        orders, error = self._boh_form_orders(order_ids)
        if error:
            return self._boh_redirect("/my/purchase", error=error)
        return request.render(
            "boh_supply.portal_asn_new", self._boh_asn_form_values(orders)
        )

    @http.route(
        "/my/boh/asn/new", type="http", auth="user", methods=["POST"], website=True
    )
    def boh_portal_asn_create(self, order_ids=None, **post):
        supplier = self._boh_supplier()
        orders, error = self._boh_form_orders(order_ids)
        if error:
            return self._boh_redirect("/my/purchase", error=error)
        form = request.httprequest.form

        def create_notice():
            expected = self._boh_date(
                post.get("expected_date"), _("Shipping notice"), _("Expected arrival")
            )
            if not expected:
                raise UserError(_("Give the expected arrival date."))
            lines = []
            for pol in orders.order_line.filtered(lambda rec: not rec.display_type):
                label = f"{pol.order_id.name} {pol.product_id.display_name}"
                qtys = form.getlist(f"qty_{pol.id}")
                lots = form.getlist(f"lot_{pol.id}")
                expiries = form.getlist(f"expiry_{pol.id}")
                for index, raw_qty in enumerate(qtys):
                    qty = self._boh_float(raw_qty, label, _("Quantity"))
                    if qty is None or qty == 0:
                        continue
                    if qty < 0:
                        raise UserError(
                            _("%(line)s: the quantity cannot be negative.", line=label)
                        )
                    lines.append(
                        {
                            "purchase_line_id": pol.id,
                            "qty": qty,
                            "lot_name": (
                                lots[index] if index < len(lots) else ""
                            ).strip(),
                            "expiry_date": self._boh_date(
                                expiries[index] if index < len(expiries) else None,
                                label,
                                _("Expiry date"),
                            ),
                        }
                    )
            if not lines:
                raise UserError(_("Give the quantity of at least one line."))
            # sudo: portal users have no right on boh.asn; the orders were
            # read as the portal user and the model checks the supplier
            asn_sudo = (
                request.env["boh.asn"]
                .sudo()
                .with_context(mail_create_nosubscribe=True)
                .create(
                    {
                        "partner_id": supplier.id,
                        "company_id": orders[0].company_id.id,
                        "purchase_ids": [(6, 0, orders.ids)],
                        "expected_date": expected,
                        "carrier": (post.get("carrier") or "").strip(),
                        "carrier_ref": (post.get("carrier_ref") or "").strip(),
                        "note": (post.get("note") or "").strip(),
                        "line_ids": [(0, 0, vals) for vals in lines],
                    }
                )
            )
            asn_sudo.message_subscribe(partner_ids=request.env.user.partner_id.ids)
            asn_sudo.action_send()
            return asn_sudo

        return self._boh_handle_form(
            create_notice,
            lambda error: request.render(
                "boh_supply.portal_asn_new",
                self._boh_asn_form_values(orders, error=error, post=post),
            ),
            lambda asn_sudo: request.redirect(asn_sudo.get_portal_url()),
        )

    # ------------------------------------------------------------------
    # Bills
    # ------------------------------------------------------------------
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
            bill_id = check_id(bill_id, _("Invoice"), "id")
        except ValidationError:
            return request.redirect("/my")
        # sudo: bills are not readable by portal users; filtered on their supplier
        bill_sudo = (
            request.env["account.move"]
            .sudo()
            .search([("id", "=", bill_id), *self._boh_bill_domain(supplier)])
        )
        if not bill_sudo:
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
        """Purchase order lines of ``orders`` for each line of a parsed UBL invoice."""
        supplier = self._boh_supplier()
        refs = set(parsed["order_refs"])
        if refs:
            unknown = (
                refs - set(orders.mapped("name")) - set(orders.mapped("partner_ref"))
            )
            if unknown:
                raise UserError(
                    _(
                        "The invoice refers to orders %(orders)s, which are not "
                        "among the orders chosen for %(supplier)s.",
                        orders=", ".join(sorted(unknown)),
                        supplier=supplier.display_name,
                    )
                )
        product_lines = orders.order_line.filtered(lambda rec: not rec.display_type)
        result = []
        for ubl_line in parsed["lines"]:
            match = product_lines.browse()
            ref = ubl_line["order_line_ref"]
            if ref and ref.isdigit():
                match = product_lines.filtered(lambda rec, r=int(ref): rec.id == r)
            if not match:
                codes = {ubl_line["seller_code"], ubl_line["buyer_code"]} - {None}
                match = product_lines.filtered(
                    lambda rec, c=codes: (
                        rec.product_id.default_code in c
                        or any(s.product_code in c for s in rec.product_id.seller_ids)
                    )
                )
            if len(match) != 1:
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
                    "line": match,
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

    # ------------------------------------------------------------------
    # Scorecard
    # ------------------------------------------------------------------
    def _boh_period(self, date_from, date_to):
        """``(start, stop, error)``: the period asked for, or the last 90 days
        and the message saying which date was refused."""
        today = fields.Date.context_today(request.env.user)
        label = _("Scorecard")
        try:
            start = self._boh_date(date_from, label, _("From")) or (
                today - timedelta(days=90)
            )
            stop = self._boh_date(date_to, label, _("To")) or today
        except ValidationError as exc:
            return today - timedelta(days=90), today, exc.args[0]
        if start > stop:
            start, stop = stop, start
        # At most two years, to keep the page fast.
        start = max(start, stop - timedelta(days=731))
        return start, stop, None

    def _boh_scorecard_labels(self):
        """The scorecard's figures and their labels, in the supplier's language
        (the back office's labels of the same figures)."""
        return [
            ("on_time", _("On Time %")),
            ("in_full", _("In Full %")),
            ("otif", _("OTIF %")),
            ("fill_rate", _("Fill Rate %")),
            ("claims_per_100", _("Claims / 100 Lines")),
            ("price_variance", _("Price Variance %")),
            ("lead_time_adherence", _("Lead Time Adherence %")),
        ]

    @http.route("/my/boh/scorecard", type="http", auth="user", website=True)
    def boh_portal_scorecard(
        self, date_from=None, date_to=None, granularity="month", **kw
    ):
        supplier = self._boh_supplier()
        start, stop, error = self._boh_period(date_from, date_to)
        granularity = granularity if granularity in ("week", "month") else "month"
        # sudo: receipts are not readable by portal users; the queries are
        # filtered on their supplier
        Scorecard = request.env["boh.supply.scorecard"].sudo()
        totals, trends = Scorecard.get_scorecards_and_trend(
            start, stop, granularity, [supplier.id]
        )
        figures, trend = totals.get(supplier.id), trends.get(supplier.id, [])
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "figures": figures,
                "labels": self._boh_scorecard_labels(),
                "trend": trend,
                "date_from": start.isoformat(),
                "date_to": stop.isoformat(),
                "granularity": granularity,
                "error": error,
                "page_name": "boh_scorecard",
            }
        )
        return request.render("boh_supply.portal_my_scorecard", values)

    @http.route("/my/boh/scorecard/receipts", type="http", auth="user", website=True)
    def boh_portal_scorecard_receipts(
        self, date_from=None, date_to=None, figure=None, **kw
    ):
        supplier = self._boh_supplier()
        start, stop, error = self._boh_period(date_from, date_to)
        # sudo: receipts are not readable by portal users; filtered on their supplier
        line_ids = (
            request.env["boh.supply.scorecard"]
            .sudo()
            .get_drill_line_ids(supplier.id, start, stop, figure)
        )
        moves = (
            request.env["stock.move"]
            .sudo()
            .search(
                [
                    ("purchase_line_id", "in", line_ids),
                    ("state", "=", "done"),
                    ("location_id.usage", "=", "supplier"),
                ],
                order="date desc",
                limit=500,
            )
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "moves": moves,
                "figure": figure,
                "error": error,
                "date_from": start.isoformat(),
                "date_to": stop.isoformat(),
                "page_name": "boh_scorecard",
            }
        )
        return request.render("boh_supply.portal_my_scorecard_receipts", values)

    # ------------------------------------------------------------------
    # Shared forecast
    # ------------------------------------------------------------------
    def _boh_forecast_rows(self, weeks):
        supplier = self._boh_supplier()
        try:
            weeks = min(max(int(weeks), 1), 26)
        except (TypeError, ValueError):
            weeks = 8
        # sudo: order lines and reordering rules are not readable by portal
        # users; the forecast is computed for their supplier only
        rows = (
            request.env["boh.supply.forecast"]
            .sudo()
            ._get_shared_forecast(supplier, weeks)
        )
        return rows, weeks

    @http.route("/my/boh/forecast", type="http", auth="user", website=True)
    def boh_portal_forecast(self, weeks=8, **kw):
        rows, weeks = self._boh_forecast_rows(weeks)
        values = self._prepare_portal_layout_values()
        values.update({"rows": rows, "weeks": weeks, "page_name": "boh_forecast"})
        return request.render("boh_supply.portal_my_forecast", values)

    @http.route("/my/boh/forecast/xlsx", type="http", auth="user", website=True)
    def boh_portal_forecast_xlsx(self, weeks=8, **kw):
        import xlsxwriter

        rows, weeks = self._boh_forecast_rows(weeks)
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {"in_memory": True})
        sheet = workbook.add_worksheet(_("Forecast"))
        bold = workbook.add_format({"bold": True})
        date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
        headers = [
            _("Week"),
            _("Delivery Site"),
            _("Product"),
            _("Unit"),
            _("Forecast"),
            _("Ordered"),
        ]
        sheet.write_row(0, 0, headers, bold)
        for index, row in enumerate(rows, start=1):
            sheet.write_datetime(
                index, 0, fields.Datetime.to_datetime(row["week"]), date_format
            )
            sheet.write(index, 1, row["warehouse"])
            sheet.write(index, 2, row["product"])
            sheet.write(index, 3, row["uom"])
            sheet.write_number(index, 4, row["forecast_qty"])
            sheet.write_number(index, 5, row["ordered_qty"])
        workbook.close()
        content = output.getvalue()
        filename = f"forecast-{date.today().isoformat()}.xlsx"
        return request.make_response(
            content,
            headers=[
                (
                    "Content-Type",
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                ),
                ("Content-Length", len(content)),
                ("Content-Disposition", http.content_disposition(filename)),
            ],
        )
