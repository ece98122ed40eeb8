"""The seal of a signed inspection: a SHA-256 hash of everything that makes
up its score, taken at sign-off and checked again every day.

A visit changed outside the application (SQL, a lifted lock) no longer
matches its hash: the check marks its seal broken, notes it in the chatter
(as the system) and asks the area managers and BOH administrators to look.
"""

import logging

from odoo import SUPERUSER_ID, _, api, fields, models

from ..lib import scoring

_logger = logging.getLogger(__name__)

# Signed visits checked per transaction by the daily job.
CRON_BATCH = 200


class BohInspectionIntegrityMixin(models.AbstractModel):
    _name = "boh.inspection.integrity.mixin"
    _description = "Seal of a signed inspection (hash)"

    answer_hash = fields.Char(string="Answers Hash", readonly=True, copy=False)
    seal_broken = fields.Boolean(
        string="Seal Broken",
        readonly=True,
        copy=False,
        index=True,
        help="The signed visit no longer matches the hash taken at sign-off: it"
        " was changed outside the application.",
    )
    seal_broken_date = fields.Datetime(
        string="Seal Broken Since", readonly=True, copy=False
    )
    seal_checked_date = fields.Datetime(
        string="Seal Checked On", readonly=True, copy=False
    )

    def _hash_payload(self):
        """Everything that makes up the score of a signed visit."""
        self.ensure_one()
        answers = self.answer_ids.sorted("id")
        photos, signatures = {}, {}
        # sudo: the hash must cover every photo and signature whoever checks it.
        Attachment = self.env["ir.attachment"].sudo()
        for att in Attachment.search(
            [
                ("res_model", "=", "boh.inspection.answer"),
                ("res_field", "in", [False, "signature"]),
                ("res_id", "in", answers.ids),
            ],
            order="id",
        ):
            if att.res_field:
                signatures[att.res_id] = att.checksum
            else:
                photos.setdefault(att.res_id, []).append(att.checksum)
        signature = Attachment.search(
            [
                ("res_model", "=", self._name),
                ("res_field", "=", "signature"),
                ("res_id", "=", self.id),
            ],
            order="id",
        ).mapped("checksum")
        return {
            "inspection": [
                self.id,
                self.template_id.id,
                self.store_id.id,
                self.auditor_id.id,
                round(self.score, 4),
                self.grade,
                self.passed,
                self.critical_failed,
                self.item_count,
                self.answered_count,
                self.failed_count,
                round(self.progress, 4),
                self.signed_by,
                self.date_signed,
                signature,
            ],
            "answers": [
                [
                    a.id,
                    a.item_id.id,
                    a.is_na,
                    a.value_choice,
                    a.value_number,
                    a.value_text,
                    a.value_date,
                    sorted(a.option_ids.ids),
                    a.note,
                    a.answered,
                    a.answered_at,
                    a.counts,
                    a.score,
                    a.earned,
                    a.possible,
                    a.is_failed,
                    photos.get(a.id, []),
                    signatures.get(a.id),
                ]
                for a in answers
            ],
            "sections": [
                [
                    s.id,
                    s.section_id.id,
                    round(s.score, 4),
                    s.earned,
                    s.possible,
                    s.is_scored,
                ]
                for s in self.section_score_ids.sorted("id")
            ],
        }

    def _compute_answer_hash(self):
        self.ensure_one()
        return scoring.digest(self._hash_payload())

    def _store_hash(self):
        # sudo and lock lifted: the hash is the workflow's own seal, written
        # at sign-off and after a logged administrator override.
        for inspection in self.sudo()._boh_lock_lift():
            inspection.write(
                {
                    "answer_hash": inspection._compute_answer_hash(),
                    "seal_broken": False,
                    "seal_broken_date": False,
                }
            )

    def check_integrity(self):
        """True when the signed visit still matches the hash taken at sign-off."""
        self.ensure_one()
        self.check_access("read")
        # sudo: the hash covers every part of the visit, whoever checks it.
        inspection = self.sudo()
        if inspection.state != "signed" or not inspection.answer_hash:
            return True
        self.env.invalidate_all()
        return inspection._compute_answer_hash() == inspection.answer_hash

    def _check_seals(self):
        """Check the hash of each signed visit, record the result and warn on
        a newly broken seal; return the visits whose seal is broken."""
        now = fields.Datetime.now()
        broken = self.browse()
        for inspection in self:
            if inspection.check_integrity():
                broken_now = False
            else:
                broken_now = True
                broken |= inspection
            # sudo and lock lifted: the seal's state is the check's own record.
            target = inspection.sudo()._boh_lock_lift()
            vals = {"seal_checked_date": now}
            newly = broken_now and not target.seal_broken
            if broken_now != target.seal_broken:
                vals.update(
                    seal_broken=broken_now, seal_broken_date=now if newly else False
                )
            target.write(vals)
            if newly:
                target._warn_broken_seal()
        return broken

    def _warn_broken_seal(self):
        """Chatter note (by the system) and an activity for the area managers
        of the region and the BOH administrators."""
        admins = self.env.ref("boh_base.group_boh_admin").sudo().users
        todo = self.env.ref("mail.mail_activity_data_todo")
        for inspection in self:
            message = _(
                "Inspection %(inspection)s: the signed visit DOES NOT match the hash"
                " stored at sign-off; it was changed outside the application. The"
                " score %(score)s%% and grade %(grade)s shown are the stored ones"
                " and cannot be trusted.",
                inspection=inspection.name,
                score=round(inspection.score, 1),
                grade=inspection.grade or "",
            )
            inspection._boh_post_system(message)
            store = inspection.store_id
            users = (
                store.area_manager_id | store.region_id.user_ids | admins
            ).filtered(lambda u: u.active and not u.share and u.id != SUPERUSER_ID)
            # as the system (OdooBot): the activities are the check's
            record = inspection.with_user(SUPERUSER_ID)
            for user in users:
                record.activity_schedule(
                    activity_type_id=todo.id,
                    user_id=user.id,
                    summary=_("Broken seal of a signed inspection"),
                    note=message,
                )

    @api.model
    def _cron_check_integrity(self):
        """Daily: check the seal of every signed visit."""
        # sudo: the job checks every signed visit of every store
        inspections = self.sudo().search(
            [("state", "=", "signed"), ("answer_hash", "!=", False)]
        )
        broken = self.browse()
        for index in range(0, len(inspections), CRON_BATCH):
            batch = inspections[index : index + CRON_BATCH]
            broken |= batch._check_seals()
            self.env.invalidate_all()
        if broken:
            _logger.warning(
                "Broken seals of signed inspections: %s",
                ", ".join(broken.mapped("name")),
            )
        return broken

    def action_check_integrity(self):
        """Check the seal now (any reader of the visit may): the result is
        shown, a broken seal is recorded and noted by the system."""
        self.ensure_one()
        self.check_access("read")
        ok = not self._check_seals()
        message = (
            _(
                "Inspection %(inspection)s: the signed visit matches the hash"
                " stored at sign-off.",
                inspection=self.name,
            )
            if ok
            else _(
                "Inspection %(inspection)s: the signed visit DOES NOT match the"
                " hash stored at sign-off; it was changed outside the application.",
                inspection=self.name,
            )
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": message,
                "type": "success" if ok else "danger",
                "sticky": not ok,
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }
