"""The score of an inspection: which answers count (follow-up items only
when their trigger fired), the weighted score per section and overall, the
grade, and the one method that writes them on the visit (after each saved
answer and at sign-off).

The arithmetic is plain Python in ``lib/scoring.py``.
"""

from odoo import api, models

from ..lib import scoring


class BohInspectionScoringMixin(models.AbstractModel):
    _name = "boh.inspection.scoring.mixin"
    _description = "Scores of an inspection"

    @api.depends("grade", "template_id.grade_band_ids.name")
    @api.depends_context("lang")
    def _compute_grade_label(self):
        """The grade is the band's name as it was at sign-off, in the signer's
        language; a reader sees the same band's name in theirs."""
        langs = [code for code, _name in self.env["res.lang"].get_installed()]
        for inspection in self:
            label = inspection.grade or ""
            for band in inspection.template_id.grade_band_ids:
                names = set()
                for lang in langs:  # every language the band is named in
                    names.add(band.with_context(lang=lang).name)
                if inspection.grade in names:
                    label = band.name
                    break
            inspection.grade_label = label

    def _visible_answers(self, answers=None):
        """Answers whose item is shown (follow-up items only when triggered)."""
        self.ensure_one()
        answers = answers if answers is not None else self.answer_ids
        by_item = {a.item_id.id: a for a in answers}

        def visible(item):
            parent = item.parent_item_id
            if not parent:
                return True
            parent_answer = by_item.get(parent.id)
            if not parent_answer or not parent_answer.answered or not visible(parent):
                return False
            return parent_answer.is_failed == (item.trigger == "fail")

        return answers.filtered(lambda a: visible(a.item_id))

    def _score_values(self, answers=None):
        """Scores of the inspection from its answers (nothing written)."""
        self.ensure_one()
        answers = self._visible_answers(answers)
        rows = [
            {
                "section": a.item_id.section_id.id,
                "weight": a.item_id.weight,
                "score": a.score if a.answered and a.counts else None,
                "critical": a.item_id.is_critical,
                "failed": a.answered and a.is_failed,
            }
            for a in answers
        ]
        result = scoring.compute_scores(rows)
        grade, passed = scoring.grade_for(
            result["score"],
            self.template_id._get_grade_bands(),
            result["critical_failed"],
        )
        result.update(
            grade=grade,
            passed=passed,
            item_count=len(answers),
            answered_count=len(answers.filtered("answered")),
            failed_count=len(answers.filtered(lambda a: a.answered and a.is_failed)),
        )
        return result

    def _write_scores(self, result, vals=None):
        """Write the scores of ``result`` (from ``_score_values``) on the
        visit, with the workflow's other ``vals`` in the same write."""
        self.ensure_one()
        values = dict(vals or {})
        values.update(
            {
                "score": result["score"] or 0.0,
                "grade": result["grade"],
                "passed": result["passed"],
                "critical_failed": result["critical_failed"],
                "item_count": result["item_count"],
                "answered_count": result["answered_count"],
                "failed_count": result["failed_count"],
                "progress": 100.0
                * result["answered_count"]
                / (result["item_count"] or 1),
            }
        )
        # the scores follow the answers saved by the workflow
        self._boh_workflow().write(values)

    def _update_progress(self):
        result = None
        for inspection in self:
            result = inspection._score_values()
            inspection._write_scores(result)
        return result if len(self) == 1 else None
