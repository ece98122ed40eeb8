"""Supplier portal: the supplier's monthly statements, to confirm as a whole
or line by line (or to dispute, with a comment), as PDF or spreadsheet.

Portal users read their own supplier's sent statements through the record
rules (``_document_check_access``); they have no right to write them: the
answers are checked here (the logged-in user's supplier, a POST with a CSRF
token) and by the model, then written in sudo.
"""

import re

from werkzeug.exceptions import Forbidden

from odoo import _, http
from odoo.exceptions import AccessError, MissingError
from odoo.http import content_disposition, request

from odoo.addons.boh_supply.controllers.portal_base import BohPortalBase

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ANSWER_KEY = re.compile(r"^status_(.+)$")
STATEMENT = "boh.supplier.statement"


class BohSupplierStatementPortal(BohPortalBase):
    def _boh_statement_domain(self, supplier):
        return [("partner_id", "=", supplier.id), ("state", "!=", "draft")]

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "boh_statement_count" in counters:
            supplier = self._boh_counter_supplier()
            # Read as the portal user: the record rules keep it to its own
            # supplier's sent statements; the count is of those to answer.
            values["boh_statement_count"] = (
                request.env[STATEMENT].search_count(
                    [*self._boh_statement_domain(supplier), ("state", "=", "sent")]
                )
                if supplier
                else 0
            )
        return values

    def _boh_statement_sudo(self, statement_id, access_token=None):
        """The statement, in sudo, if the user may read it (its supplier's
        user, or the right token); never a draft. AccessError/MissingError."""
        statement_sudo = self._document_check_access(
            STATEMENT, statement_id, access_token=access_token
        )
        if statement_sudo.state == "draft":
            raise MissingError(_("This document does not exist."))
        return statement_sudo

    def _boh_statement_for_write(self, statement_id):
        """The statement, in sudo, if the logged-in user belongs to its
        supplier (a token lets a visitor read, never answer)."""
        statement_sudo = self._boh_statement_sudo(statement_id)
        if statement_sudo.partner_id != self._boh_supplier():
            raise AccessError(_("This statement is not one of yours."))
        return statement_sudo.with_context(boh_author_id=request.env.user.partner_id.id)

    @http.route(
        ["/my/statements", "/my/statements/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def boh_portal_statements(self, page=1, **kw):
        supplier = self._boh_supplier()
        Statement = request.env[STATEMENT]
        domain = self._boh_statement_domain(supplier)
        pager = self._boh_pager("/my/statements", Statement.search_count(domain), page)
        # Read as the portal user (record rules), shown in sudo (products).
        statements = Statement.search(
            domain, limit=self._items_per_page, offset=pager["offset"]
        )
        request.session["my_boh_statement_history"] = statements.ids[:100]
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "statements": statements.sudo(),
                "pager": pager,
                "page_name": "boh_statements",
                "default_url": "/my/statements",
            }
        )
        return request.render("boh_supply_statement.portal_my_statements", values)

    @http.route(
        "/my/statements/<int:statement_id>", type="http", auth="user", website=True
    )
    def boh_portal_statement(self, statement_id, access_token=None, **kw):
        try:
            statement_sudo = self._boh_statement_sudo(statement_id, access_token)
        except (AccessError, MissingError):
            return request.redirect("/my")
        can_answer = (
            statement_sudo.partner_id == self._boh_supplier()
            and statement_sudo.state == "sent"
        )
        values = self._get_page_view_values(
            statement_sudo,
            access_token,
            {
                "statement": statement_sudo,
                "page_name": "boh_statement",
                "boh_can_answer": can_answer,
                "info": kw.get("info"),
            },
            "my_boh_statement_history",
            False,
            **kw,
        )
        return request.render("boh_supply_statement.portal_my_statement", values)

    @http.route(
        "/my/statements/<int:statement_id>/pdf",
        type="http",
        auth="user",
        website=True,
    )
    def boh_portal_statement_pdf(self, statement_id, access_token=None, **kw):
        try:
            statement_sudo = self._boh_statement_sudo(statement_id, access_token)
        except (AccessError, MissingError):
            return request.redirect("/my")
        return self._show_report(
            model=statement_sudo,
            report_type="pdf",
            report_ref="boh_supply_statement.boh_supplier_statement_pdf_report",
            download=True,
        )

    @http.route(
        "/my/statements/<int:statement_id>/xlsx",
        type="http",
        auth="user",
        website=True,
    )
    def boh_portal_statement_xlsx(self, statement_id, **kw):
        try:
            statement_sudo = self._boh_statement_sudo(statement_id)
        except (AccessError, MissingError):
            return request.redirect("/my")
        # The report runs as the portal user (report_xlsx drops sudo) and
        # checks the record rules once more.
        try:
            content, _fmt = (
                request.env["ir.actions.report"]
                .sudo()
                .with_company(statement_sudo.company_id)
                ._render_xlsx(
                    "boh_supply_statement.boh_supplier_statement_xlsx_report",
                    statement_sudo.ids,
                    {},
                )
            )
        except AccessError as exc:
            raise Forbidden() from exc
        filename = statement_sudo._get_report_base_filename() + ".xlsx"
        return request.make_response(
            content,
            headers=[
                ("Content-Type", XLSX_MIMETYPE),
                ("Content-Length", len(content)),
                ("Content-Disposition", content_disposition(filename)),
            ],
        )

    def _boh_statement_redirect(self, statement_sudo, **params):
        return self._boh_redirect(f"/my/statements/{statement_sudo.id}", **params)

    def _boh_handle_statement_form(self, statement_id, action, success, replay):
        """A form posted on one of the supplier's statements:
        ``action(statement_sudo)`` returns False when it changed nothing (the
        same answer posted twice). Another supplier's statement, a missing
        one: back to /my, nothing written."""
        try:
            statement_sudo = self._boh_statement_for_write(statement_id)
        except (AccessError, MissingError):
            return request.redirect("/my")
        return self._boh_handle_form(
            lambda: action(statement_sudo),
            lambda error: self._boh_statement_redirect(statement_sudo, error=error),
            lambda done: self._boh_statement_redirect(
                statement_sudo,
                success=success if done else None,
                info=None if done else replay,
            ),
        )

    @http.route(
        "/my/statements/<int:statement_id>/confirm",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def boh_portal_statement_confirm(self, statement_id, **post):
        return self._boh_handle_statement_form(
            statement_id,
            lambda statement: statement._boh_supplier_confirm_all(),
            _("Thank you: the statement is confirmed."),
            _("This statement was already confirmed."),
        )

    @staticmethod
    def _boh_posted_answers(post):
        """``[(line id as posted, status, comment)]`` of the lines the form
        answers (a status chosen); the model checks each of them."""
        answers = []
        for key, status in post.items():
            match = ANSWER_KEY.match(key)
            if not match or not status:
                continue
            line_ref = match.group(1)
            answers.append((line_ref, status, post.get(f"comment_{line_ref}")))
        return answers

    @http.route(
        "/my/statements/<int:statement_id>/answer",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def boh_portal_statement_answer(self, statement_id, **post):
        answers = self._boh_posted_answers(post)
        return self._boh_handle_statement_form(
            statement_id,
            lambda statement: statement._boh_supplier_answer(answers),
            _("Thank you: your answers were sent to the buyer."),
            _("These answers were already recorded."),
        )
