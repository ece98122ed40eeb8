"""What every page of the supplier portal shares.

Every route works for the commercial partner of the logged-in portal user
only.  Purchase orders are read through Odoo's own portal rules
(``_document_check_access``); the BOH models have no access right for
portal users, so they are reached in sudo, always filtered on the supplier
first.  Writes need a logged-in user of the order's supplier (an access
token alone only lets a visitor read), a POST and a CSRF token.

One controller per document inherits this class (``portal_purchase``,
``portal_asn``, ``portal_bill``, ``portal_scorecard``, ``portal_forecast``,
and the claims of ``boh_supply_claim``); Odoo merges them into one portal
controller.
"""

from werkzeug.urls import url_encode

from odoo import _
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request
from odoo.tools.mimetypes import guess_mimetype

from odoo.addons.boh_base.services.inputs import check_date, check_id, check_number
from odoo.addons.portal.controllers.portal import pager as portal_pager
from odoo.addons.purchase.controllers.portal import CustomerPortal

MAX_UPLOAD_SIZE = 10 * 1024 * 1024
PDF_MIMETYPES = {"application/pdf"}
XML_MIMETYPES = {"application/xml", "text/xml"}


class BohPortalBase(CustomerPortal):
    # ------------------------------------------------------------------
    # Who asks, and for which documents
    # ------------------------------------------------------------------
    def _boh_supplier(self):
        """The commercial partner of the logged-in user; AccessError for visitors."""
        user = request.env.user
        if user._is_public():
            raise AccessError(_("Sign in to work on your orders."))
        return user.partner_id.commercial_partner_id

    def _boh_counter_supplier(self):
        """The supplier whose documents the home page counts; None for
        visitors and internal users (who count nothing here)."""
        user = request.env.user
        if user._is_public() or not user.share:
            return None
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

    def _boh_own_record(self, model_name, record_id, domain, label):
        """The record of ``model_name`` with id ``record_id``, in sudo, if
        ``domain`` (the supplier's own records) holds it; MissingError else,
        the same for an id that is not an id (``label`` names the record).
        For models portal users have no access right on."""
        try:
            record_id = check_id(record_id, label, "id")
        except ValidationError as exc:
            raise MissingError(_("This document does not exist.")) from exc
        # sudo: portal users have no right on the model; the search is
        # filtered on the supplier's own records by ``domain``
        record_sudo = (
            request.env[model_name].sudo().search([("id", "=", record_id), *domain])
        )
        if not record_sudo:
            raise MissingError(_("This document does not exist."))
        return record_sudo

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

    # ------------------------------------------------------------------
    # Values typed in forms
    # ------------------------------------------------------------------
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

    # ------------------------------------------------------------------
    # Answers: redirects, forms and their errors
    # ------------------------------------------------------------------
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

    def _boh_pager(self, url, total, page):
        """Odoo's portal pager over ``total`` records, a page of the portal's
        usual size."""
        return portal_pager(url=url, total=total, page=page, step=self._items_per_page)
