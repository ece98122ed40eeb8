"""Corrective actions and repeat failures of failed answers.

A failed answer of an item whose template rule asks for it gets its
corrective action as soon as it is saved (``_sync_auto_actions``), the
others at sign-off (``_create_auto_actions``); the auditor may ask for one
on any failed item.  At sign-off a failure of an item that failed at the
store's previous signed visits is flagged as a repeat.
"""

from odoo import _, fields, models
from odoo.exceptions import UserError, ValidationError


class BohInspectionAnswerCorrectiveMixin(models.AbstractModel):
    _name = "boh.inspection.answer.corrective.mixin"
    _description = "Corrective actions of inspection answers"

    def _flag_repeat_failures(self):
        """Flag failed answers whose item failed before at the same store."""
        failed = self.filtered(lambda a: a.answered and a.is_failed)
        if not failed:
            return
        store = failed.store_id
        previous = self.sudo().search_read(
            [
                ("store_id", "in", store.ids),
                ("item_key", "in", failed.mapped("item_key")),
                ("is_failed", "=", True),
                ("state", "=", "signed"),
                ("inspection_id", "not in", failed.inspection_id.ids),
            ],
            ["item_key", "store_id"],
        )
        keys = {(p["item_key"], p["store_id"][0]) for p in previous}
        failed.filtered(
            lambda a: (a.item_key, a.store_id.id) in keys
        )._boh_workflow().write({"is_repeat_failure": True})

    def _sync_auto_actions(self):
        """Corrective actions of the template rule, as soon as an answer fails.

        Saving the failure again creates no second action (the note of an
        untouched action follows the answer); an answer turned back to pass
        or N/A removes the automatic action the store has not worked on yet.
        """
        Action = self.env["boh.inspection.action"]
        to_create = []
        untouched = Action
        for answer in self.filtered("item_id.auto_action"):
            actions = answer.action_ids.filtered("is_automatic")
            fresh = actions.filtered(
                lambda a: (
                    a.state == "open"
                    and not a.evidence_note
                    and not a.evidence_attachment_ids
                    and not a.rejection_reason
                )
            )
            if answer.answered and answer.is_failed:
                if not actions:
                    to_create.append(answer._prepare_action_values(automatic=True))
                elif answer.note:
                    fresh.filtered(
                        lambda a, n=answer.note: a.description != n
                    ).description = answer.note
            else:
                untouched |= fresh
        if untouched:
            # sudo: only the automatic actions of answers the user may write,
            # that the store has not worked on, are removed.
            untouched.sudo().unlink()
        # the rule of the template creates them (``is_automatic``)
        return Action._boh_workflow().create(to_create) if to_create else Action

    def _create_auto_actions(self):
        todo = self.filtered(
            lambda a: (
                a.answered
                and a.is_failed
                and a.item_id.auto_action
                and not a.action_ids
            )
        )
        return (
            self.env["boh.inspection.action"]
            ._boh_workflow()
            .create([a._prepare_action_values(automatic=True) for a in todo])
        )

    def _prepare_action_values(self, description=None, automatic=False):
        """Values of a corrective action for this failed answer."""
        self.ensure_one()
        inspection = self.inspection_id
        today = fields.Date.context_today(self)
        return {
            "inspection_id": inspection.id,
            "answer_id": self.id,
            "name": self.item_id.name,
            "description": description or self.note or False,
            "severity": self.item_id.severity,
            "assignee_id": inspection.store_manager_id.id,
            "due_date": fields.Date.add(today, days=self.item_id._get_due_days()),
            "is_automatic": automatic,
        }

    def action_create_corrective_action(self, description=None):
        """The auditor asks the store to fix a failed item."""
        self.ensure_one()
        self.inspection_id._check_conduct()
        if description is not None and description is not False:
            if not isinstance(description, str):
                raise ValidationError(
                    _(
                        "%(record)s: the description of the corrective action must"
                        " be a text, not %(value)r.",
                        record=self._label(),
                        value=description,
                    )
                )
        if not self.is_failed:
            raise UserError(
                _(
                    "Item %(item)s did not fail: no corrective action is needed.",
                    item=self.item_id.name,
                )
            )
        action = self.env["boh.inspection.action"].create(
            self._prepare_action_values(description)
        )
        return {"id": action.id, "name": action.display_name}
