"""The sign-off of an inspection by the store manager.

Signing checks that every shown item is answered (notes, photos and drawn
signatures where the template asks for them), scores the visit, locks it
(``boh.inspection.lock.mixin``) and seals it with its hash
(``boh.inspection.integrity.mixin``), creates the corrective actions of the
failed items and mails the report to the store and area managers.
"""

import logging

from odoo import _, fields, models, tools
from odoo.exceptions import UserError

from ..lib import images

_logger = logging.getLogger(__name__)


class BohInspectionSignoffMixin(models.AbstractModel):
    _name = "boh.inspection.signoff.mixin"
    _description = "Sign-off of an inspection"

    def _check_complete(self):
        """Every required visible item answered, notes and photos given."""
        self.ensure_one()
        answers = self._visible_answers()
        problems = []
        for answer in answers:
            item = answer.item_id
            if not answer.answered:
                if item.is_required:
                    problems.append(_("%(item)s: no answer", item=item.name))
                continue
            if answer.is_failed and item.note_required_on_fail and not answer.note:
                problems.append(_("%(item)s: a note is required", item=item.name))
            if (
                answer.is_failed
                and item.photo_required_on_fail
                and not answer.photo_count
            ) or (
                item.item_type == "photo"
                and not answer.is_na
                and not answer.photo_count
            ):
                problems.append(_("%(item)s: a photo is required", item=item.name))
            if (
                item.item_type == "signature"
                and not answer.is_na
                and not answer.signature
            ):
                problems.append(_("%(item)s: the signature is missing", item=item.name))
        if problems:
            raise UserError(
                _(
                    "Inspection %(inspection)s is incomplete and cannot be signed:"
                    "\n%(problems)s",
                    inspection=self.name,
                    problems="\n".join(problems[:20]),
                )
            )

    def action_sign(self, signature=None, signed_by=None, position=None):
        """Sign off: check, score, lock and hash; create the corrective actions
        and send the report.  Nothing is written when a check fails."""
        self.ensure_one()
        self._check_conduct()
        if self.state != "in_progress":
            raise UserError(
                _(
                    "Inspection %(inspection)s cannot be signed: it is not in"
                    " progress.",
                    inspection=self.name,
                )
            )
        if (
            not signature
            or not isinstance(signature, str)
            or not isinstance(signed_by, str)
            or not signed_by.strip()
        ):
            raise UserError(
                _(
                    "Inspection %(inspection)s: the store manager's signature and"
                    " name are required to sign off.",
                    inspection=self.name,
                )
            )
        try:
            raw = images.decode_base64(signature)
        except images.ImageError as exc:
            raise UserError(
                _(
                    "Inspection %(inspection)s: the signature is not an image.",
                    inspection=self.name,
                )
            ) from exc
        self.env["boh.inspection.answer"]._check_signature(raw, self.name)
        self._check_complete()
        vals, warning = self._position_values("sign", position)
        self.answer_ids._flag_repeat_failures()
        result = self._score_values()
        workflow = self._boh_workflow()
        # The signature attachment is written while the visit is still open.
        workflow.write({"signature": signature, "signed_by": signed_by.strip()})
        vals.update(date_signed=self._sign_datetime(), state="signed")
        if warning:
            vals["gps_warning"] = self._gps_warning_with(warning)
        # sudo: the section scores are the sign-off's own, written after the
        # caller's right to conduct this visit was checked (store roles and
        # area managers only read them).
        self.section_score_ids.sudo().unlink()
        self.env["boh.inspection.section.score"].sudo().create(
            [
                {
                    "inspection_id": self.id,
                    "section_id": section_id,
                    "score": values["score"] or 0.0,
                    "earned": values["earned"],
                    "possible": values["possible"],
                    "is_scored": values["score"] is not None,
                }
                for section_id, values in result["sections"].items()
            ]
        )
        self._write_scores(result, vals)
        self._store_hash()
        self.answer_ids._create_auto_actions()
        self._boh_post_system(
            _(
                "Signed by %(name)s: score %(score)s%%, grade %(grade)s.",
                name=self.signed_by,
                score=round(self.score, 1),
                grade=self.grade,
            )
            + (f" {warning}" if warning else ""),
            as_user=True,
        )
        self._send_report()
        return {"score": self.score, "grade": self.grade, "passed": self.passed}

    def _sign_datetime(self):
        # Demo data back-dates its visits; only the superuser may do so.
        if self.env.su and self.env.context.get("boh_inspection_sign_date"):
            return self.env.context["boh_inspection_sign_date"]
        return fields.Datetime.now()

    def _send_report(self):
        """Mail the report to the store manager and the area manager."""
        template = self.env.ref(
            "boh_inspection.mail_template_inspection_report", raise_if_not_found=False
        )
        if not template or self.env.context.get("boh_inspection_no_report"):
            return
        report = self.env["ir.actions.report"]
        pdf_ok = (
            tools.config["test_enable"] or report.get_wkhtmltopdf_state() != "install"
        )
        root = self.env.ref("base.partner_root")
        # sudo: the report is the sign-off's, sent by the system (the auditor
        # may have no email address) after the sign-off's checks.
        for inspection in self.sudo():
            partners = (
                inspection.store_manager_id | inspection.area_manager_id
            ).partner_id
            if not partners:
                continue
            if pdf_ok:
                inspection.message_post_with_source(
                    template,
                    author_id=root.id,
                    email_from=root.email_formatted,
                    message_type="comment",
                    subtype_xmlid="mail.mt_comment",
                    partner_ids=partners.ids,
                )
            else:
                # No PDF engine on this server: the mail goes without the report.
                _logger.info(
                    "wkhtmltopdf missing: report of %s not attached", self.name
                )
                inspection.message_post(
                    body=template._render_field("body_html", inspection.ids)[
                        inspection.id
                    ],
                    subject=template._render_field("subject", inspection.ids)[
                        inspection.id
                    ],
                    author_id=root.id,
                    email_from=root.email_formatted,
                    message_type="comment",
                    subtype_xmlid="mail.mt_comment",
                    partner_ids=partners.ids,
                )
