"""Supplier portal: quality claims the supplier answers (credit note,
replacement or dispute) and the photos taken at receiving."""

from odoo import _, http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.boh_supply.controllers.portal_base import BohPortalBase


class BohSupplyClaimPortal(BohPortalBase):
    def _boh_claim_domain(self, supplier):
        return [("partner_id", "=", supplier.id), ("state", "!=", "draft")]

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "boh_claim_count" in counters:
            supplier = self._boh_counter_supplier()
            # sudo: portal users have no right on boh.claim; filtered on their
            # supplier
            values["boh_claim_count"] = (
                request.env["boh.claim"]
                .sudo()
                .search_count(
                    [*self._boh_claim_domain(supplier), ("state", "=", "open")]
                )
                if supplier
                else 0
            )
        return values

    def _boh_claim_sudo(self, claim_id):
        supplier = self._boh_supplier()
        return self._boh_own_record(
            "boh.claim", claim_id, self._boh_claim_domain(supplier), _("Claim")
        )

    @http.route("/my/boh/claims", type="http", auth="user", website=True)
    def boh_portal_claims(self, **kw):
        supplier = self._boh_supplier()
        # sudo: portal users have no right on boh.claim; filtered on their supplier
        claims = (
            request.env["boh.claim"]
            .sudo()
            .search(self._boh_claim_domain(supplier), limit=200)
        )
        values = self._prepare_portal_layout_values()
        values.update({"claims": claims, "page_name": "boh_claims"})
        return request.render("boh_supply_claim.portal_my_claims", values)

    @http.route("/my/boh/claim/<int:claim_id>", type="http", auth="user", website=True)
    def boh_portal_claim(self, claim_id, **kw):
        try:
            claim_sudo = self._boh_claim_sudo(claim_id)
        except (AccessError, MissingError):
            return request.redirect("/my")
        values = self._get_page_view_values(
            claim_sudo,
            claim_sudo._portal_ensure_token(),
            {"claim": claim_sudo, "page_name": "boh_claim"},
            "my_boh_claim_history",
            False,
            **kw,
        )
        return request.render("boh_supply_claim.portal_my_claim", values)

    @http.route(
        "/my/boh/claim/<int:claim_id>/photo/<int:photo_id>",
        type="http",
        auth="user",
        website=True,
    )
    def boh_portal_claim_photo(self, claim_id, photo_id, **kw):
        """A photo taken at receiving, for the claim's supplier only."""
        try:
            claim_sudo = self._boh_claim_sudo(claim_id)
        except (AccessError, MissingError):
            return request.not_found()
        # sudo (from the claim's sudo): the photo is a file attached to this
        # claim, which belongs to the user's supplier; files of other records
        # linked to the claim are not served; portal users cannot read files
        photo_sudo = claim_sudo._boh_portal_photos().filtered(
            lambda p: p.id == photo_id
        )
        if not photo_sudo:
            return request.not_found()
        return request.env["ir.binary"]._get_stream_from(photo_sudo).get_response()

    @http.route(
        "/my/boh/claim/<int:claim_id>/answer",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def boh_portal_claim_answer(self, claim_id, answer=None, note=None, **post):
        try:
            claim_sudo = self._boh_claim_sudo(claim_id)
        except (AccessError, MissingError):
            return request.redirect("/my")
        url = f"/my/boh/claim/{claim_sudo.id}"
        return self._boh_handle_form(
            lambda: claim_sudo.with_context(
                boh_author_id=request.env.user.partner_id.id
            )._boh_supplier_answer(answer, note),
            lambda error: self._boh_redirect(url, error=error),
            lambda _result: self._boh_redirect(
                url, success=_("Your answer has been sent.")
            ),
        )
