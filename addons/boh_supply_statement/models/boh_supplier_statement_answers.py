from markupsafe import Markup, escape

from odoo import _, fields, models
from odoo.exceptions import UserError

from odoo.addons.boh_base.services.inputs import check_id

MAX_COMMENT = 2000
SUPPLIER_ANSWERS = ("confirmed", "disputed")


class BohSupplierStatementAnswers(models.AbstractModel):
    """The supplier's side of a statement: confirm it as a whole, or confirm
    and dispute lines with a comment. The portal controller calls these in
    sudo, after checking that the statement is the user's supplier's; the
    author of the messages is the portal user (``boh_author_id``)."""

    _name = "boh.supplier.statement.answers"
    _description = "Supplier Statement Answers"

    def _boh_author(self):
        return self.env.context.get("boh_author_id") or self.env.user.partner_id.id

    def _boh_check_sent(self):
        self.ensure_one()
        if self.state != "sent":
            state = dict(self._fields["state"]._description_selection(self.env))
            raise UserError(
                _(
                    "Statement %(statement)s is %(state)s: its lines "
                    "(%(field)s) can be answered only while it is sent to you.",
                    statement=self.name,
                    state=state[self.state],
                    field=self.line_ids._fields["supplier_status"]._description_string(
                        self.env
                    ),
                )
            )

    def _boh_supplier_confirm_all(self):
        """The supplier confirms the whole statement. Posting it again once
        confirmed changes nothing (returns False)."""
        self.ensure_one()
        if self.state == "confirmed":
            return False
        self._boh_check_sent()
        self.line_ids.filtered(
            lambda line: line.supplier_status == "pending"
        )._boh_workflow().write({"supplier_status": "confirmed"})
        self._boh_workflow().write(
            {"state": "confirmed", "answer_date": fields.Datetime.now()}
        )
        self.message_post(
            body=_(
                "The supplier confirmed statement %(statement)s.",
                statement=self.name,
            ),
            author_id=self._boh_author(),
        )
        return True

    def _boh_parse_answers(self, answers):
        """Check every answer before any is written: ``answers`` is a list of
        ``(line id, status, comment)``; returns ``[(line, status, comment)]``."""
        self.ensure_one()
        Line = self.env["boh.supplier.statement.line"]
        line_field = Line._fields["statement_id"]._description_string(self.env)
        status_field = Line._fields["supplier_status"]._description_string(self.env)
        comment_field = Line._fields["supplier_comment"]._description_string(self.env)
        if not answers:
            raise UserError(
                _(
                    "Statement %(statement)s: choose at least one line to "
                    "confirm or dispute.",
                    statement=self.name,
                )
            )
        parsed = []
        seen = set()
        own = {line.id: line for line in self.line_ids}
        for line_id, status, comment in answers:
            line_id = check_id(
                line_id, _("Statement %(statement)s", statement=self.name), line_field
            )
            line = own.get(line_id)
            if not line:
                raise UserError(
                    _(
                        "Statement %(statement)s, %(field)s: %(line)s is not a "
                        "line of this statement.",
                        statement=self.name,
                        field=line_field,
                        line=line_id,
                    )
                )
            if line_id in seen:
                continue
            seen.add(line_id)
            label = line.display_name
            if status not in SUPPLIER_ANSWERS:
                raise UserError(
                    _(
                        "Statement %(statement)s, line %(line)s, %(field)s: "
                        "choose Confirmed or Disputed.",
                        statement=self.name,
                        line=label,
                        field=status_field,
                    )
                )
            comment = (comment or "").strip()
            if len(comment) > MAX_COMMENT:
                raise UserError(
                    _(
                        "Statement %(statement)s, line %(line)s, %(field)s: at "
                        "most %(max)s characters (%(length)s given).",
                        statement=self.name,
                        line=label,
                        field=comment_field,
                        max=MAX_COMMENT,
                        length=len(comment),
                    )
                )
            if status == "disputed" and not comment:
                raise UserError(
                    _(
                        "Statement %(statement)s, line %(line)s, %(field)s: say "
                        "why you dispute the line.",
                        statement=self.name,
                        line=label,
                        field=comment_field,
                    )
                )
            parsed.append((line, status, comment))
        return parsed

    def _boh_supplier_answer(self, answers):
        """The supplier confirms or disputes lines (``answers``: a list of
        ``(line id, status, comment)``). Everything is checked before anything
        is written; the same answers posted twice change nothing the second
        time (returns False). A disputed line gives the responsible buyer an
        activity; the statement is disputed as soon as a line is, confirmed
        once every line is."""
        self.ensure_one()
        parsed = self._boh_parse_answers(answers)
        if all(
            line.supplier_status == status and (line.supplier_comment or "") == comment
            for line, status, comment in parsed
        ):
            return False
        self._boh_check_sent()
        for line, status, comment in parsed:
            line._boh_workflow().write(
                {"supplier_status": status, "supplier_comment": comment}
            )
        statuses = set(self.line_ids.mapped("supplier_status"))
        vals = {"answer_date": fields.Datetime.now()}
        if "disputed" in statuses:
            vals["state"] = "disputed"
        elif statuses == {"confirmed"}:
            vals["state"] = "confirmed"
        self._boh_workflow().write(vals)
        author = self._boh_author()
        rows = Markup("").join(
            Markup("<li>%s</li>")
            % _(
                "%(line)s: %(status)s %(comment)s",
                line=line.display_name,
                status=dict(
                    line._fields["supplier_status"]._description_selection(self.env)
                )[status],
                comment=comment,
            )
            for line, status, comment in parsed
        )
        self.message_post(
            body=Markup("<p>%s</p><ul>%s</ul>")
            % (
                _(
                    "The supplier answered lines of statement %(statement)s:",
                    statement=self.name,
                ),
                rows,
            ),
            author_id=author,
        )
        self._boh_dispute_activities(
            [
                (line, comment)
                for line, status, comment in parsed
                if status == "disputed"
            ]
        )
        return True

    def _boh_dispute_activities(self, disputes):
        """An activity for the responsible buyer per disputed line."""
        self.ensure_one()
        buyer = self.user_id or self.create_uid
        for line, comment in disputes:
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=buyer.id,
                summary=_("Statement %(statement)s disputed", statement=self.name),
                note=escape(
                    _(
                        "Supplier %(supplier)s disputes line %(line)s of "
                        "statement %(statement)s: %(comment)s",
                        supplier=self.partner_id.display_name,
                        line=line.display_name,
                        statement=self.name,
                        comment=comment,
                    )
                ),
            )
