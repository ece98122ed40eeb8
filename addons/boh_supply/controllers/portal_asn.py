"""Supplier portal: shipping notices (advance shipping notices, ASN) the
supplier announces its deliveries with."""

from odoo import _, fields, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request
from odoo.tools import consteq

from odoo.addons.boh_base.services.inputs import check_id

from .portal_base import BohPortalBase


class BohAsnPortal(BohPortalBase):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "boh_asn_count" in counters:
            supplier = self._boh_counter_supplier()
            # sudo: portal users have no right on boh.asn; filtered on their supplier
            values["boh_asn_count"] = (
                request.env["boh.asn"]
                .sudo()
                .search_count([("partner_id", "=", supplier.id)])
                if supplier
                else 0
            )
        return values

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
        pager = self._boh_pager("/my/boh/asn", Asn.search_count(domain), page)
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
