"""Supplier portal: purchase orders and requests for quotation (search,
confirmation filters) and the supplier's answer to an order (confirm,
reject, propose changes)."""

from werkzeug.urls import url_encode

from odoo import _, fields, http
from odoo.http import request

from odoo.addons.boh_base.services.inputs import check_id

from .portal_base import BohPortalBase


class BohPurchasePortal(BohPortalBase):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "boh_to_confirm_count" in counters:
            supplier = self._boh_counter_supplier()
            values["boh_to_confirm_count"] = (
                request.env["purchase.order"].search_count(
                    [
                        ("state", "in", ("sent", "purchase")),
                        ("boh_confirmation_state", "=", "to_confirm"),
                        *self._boh_own_orders_domain(supplier),
                    ]
                )
                if supplier
                else 0
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
            # sudo: portal users cannot read products; the products named so
            # only filter the user's own orders (their lines show the names)
            products = (
                request.env["product.product"]
                .sudo()
                .with_context(active_test=False)
                ._search([("display_name", "ilike", search)])
            )
            return [("order_line.product_id", "in", products)]
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

    def _boh_render_orders(self, search, search_in, params, template, domain, *args):
        """Odoo's order list ``template`` (``args``: its filters, default
        filter, URL, history, page name and key), searched; ``params``: the
        page, dates, sorting and filter of the request."""
        response = self._render_portal(
            template,
            params.get("page", 1),
            params.get("date_begin"),
            params.get("date_end"),
            params.get("sortby"),
            params.get("filterby"),
            [*domain, *self._boh_search_domain(search, search_in)],
            *args,
        )
        return self._boh_add_search(response, search, search_in)

    @http.route()
    def portal_my_requests_for_quotation(self, search=None, search_in="name", **kw):
        return self._boh_render_orders(
            search,
            search_in,
            kw,
            "purchase.portal_my_purchase_rfqs",
            [("state", "=", "sent")],
            {},
            None,
            "/my/rfq",
            "my_rfqs_history",
            "rfq",
            "rfqs",
        )

    @http.route()
    def portal_my_purchase_orders(self, search=None, search_in="name", **kw):
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
        return self._boh_render_orders(
            search,
            search_in,
            kw,
            "purchase.portal_my_purchase_orders",
            [],
            filters,
            "all",
            "/my/purchase",
            "my_purchases_history",
            "purchase",
            "orders",
        )

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
