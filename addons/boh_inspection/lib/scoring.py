"""Scoring of store inspections, in plain Python (no Odoo import).

An inspection is a list of answered items.  Each item has a weight, belongs
to a section and may be critical.  :func:`evaluate` turns one raw answer into
a score between 0 and 1 (``None`` when it does not count: N/A, or an item
type that is not scored) and a failed flag; :func:`compute_scores` adds the
weighted scores up per section and overall; :func:`grade_for` picks the grade
band.  N/A answers are left out of both the numerator and the denominator,
and a failed critical item fails the visit whatever the score.
"""

import hashlib
import json
import math

SCORED_TYPES = frozenset({"passfail", "yesno", "scale", "number", "choice", "multi"})


class AnswerError(ValueError):
    """A raw answer that does not fit its item (the ORM turns it into a UserError)."""


def evaluate(item_type, answer, spec=None):
    """Score one answer.

    :param item_type: ``passfail``, ``yesno``, ``scale``, ``number``,
        ``choice``, ``multi``, ``text``, ``photo``, ``signature`` or ``date``
    :param answer: dict with ``na`` (bool), ``choice`` (``pass``/``fail``/
        ``yes``/``no``), ``number`` (float), ``options`` (list of option keys)
    :param spec: dict with the item's rules: ``yes_is_pass``, ``scale_max``,
        ``scale_pass_min``, ``min`` / ``max`` (``None`` when unbounded) and
        ``options`` (key -> (score, is_failure))
    :return: ``(score, failed)``; ``score`` is ``None`` when the answer does
        not count
    :raises AnswerError: when the answer does not fit the item
    """
    spec = spec or {}
    if answer.get("na"):
        return None, False
    if item_type == "passfail":
        choice = answer.get("choice")
        if choice not in ("pass", "fail"):
            raise AnswerError(f"expected pass or fail, got {choice!r}")
        return (1.0, False) if choice == "pass" else (0.0, True)
    if item_type == "yesno":
        choice = answer.get("choice")
        if choice not in ("yes", "no"):
            raise AnswerError(f"expected yes or no, got {choice!r}")
        passed = (choice == "yes") == spec.get("yes_is_pass", True)
        return (1.0, False) if passed else (0.0, True)
    if item_type == "scale":
        value = _number(answer.get("number"))
        scale_max = spec.get("scale_max") or 5
        if value != int(value) or not 0 <= value <= scale_max:
            raise AnswerError(f"expected a whole number from 0 to {scale_max}")
        failed = value < spec.get("scale_pass_min", 0)
        return value / scale_max, failed
    if item_type == "number":
        value = _number(answer.get("number"))
        low, high = spec.get("min"), spec.get("max")
        failed = (low is not None and value < low) or (
            high is not None and value > high
        )
        return (0.0, True) if failed else (1.0, False)
    if item_type in ("choice", "multi"):
        keys = list(answer.get("options") or [])
        options = spec.get("options") or {}
        unknown = [k for k in keys if k not in options]
        if unknown:
            raise AnswerError(f"unknown option(s) {unknown!r}")
        if item_type == "choice" and len(keys) != 1:
            raise AnswerError("expected exactly one option")
        if not keys:
            return 1.0, False
        scores = [options[k][0] for k in keys]
        failed = any(options[k][1] for k in keys)
        return min(scores), failed
    return None, False


def _number(value):
    if isinstance(value, bool) or value is None:
        raise AnswerError("expected a number")
    try:
        value = float(value)
    except (TypeError, ValueError) as exc:
        raise AnswerError(f"expected a number, got {value!r}") from exc
    if not math.isfinite(value):
        raise AnswerError("expected a finite number")
    return value


def compute_scores(rows):
    """Weighted scores per section and overall.

    :param rows: iterable of dicts with ``section``, ``weight``, ``score``
        (0..1 or ``None``), ``critical`` and ``failed``
    :return: dict with ``sections`` (section -> dict ``earned``, ``possible``,
        ``score``), ``earned``, ``possible``, ``score`` (percentage, ``None``
        when nothing counts) and ``critical_failed``
    """
    sections = {}
    earned = possible = 0.0
    critical_failed = False
    for row in rows:
        if row.get("critical") and row.get("failed"):
            critical_failed = True
        section = sections.setdefault(
            row.get("section"), {"earned": 0.0, "possible": 0.0, "score": None}
        )
        if row.get("score") is None:
            continue
        weight = float(row.get("weight") or 0.0)
        section["earned"] += weight * row["score"]
        section["possible"] += weight
        earned += weight * row["score"]
        possible += weight
    for section in sections.values():
        if section["possible"]:
            section["score"] = round(100.0 * section["earned"] / section["possible"], 2)
    return {
        "sections": sections,
        "earned": earned,
        "possible": possible,
        "score": round(100.0 * earned / possible, 2) if possible else None,
        "critical_failed": critical_failed,
    }


def grade_for(score, bands, critical_failed=False):
    """The grade band of a score.

    :param score: percentage (``None`` counts as 0)
    :param bands: iterable of ``(name, min_score, is_failure)``
    :return: ``(name, passed)``; a critical failure gives the failing band
        with the lowest minimum whatever the score
    """
    bands = sorted(bands, key=lambda b: b[1], reverse=True)
    if not bands:
        return ("", not critical_failed)
    if critical_failed:
        failing = [b for b in bands if b[2]] or [bands[-1]]
        return failing[-1][0], False
    value = score or 0.0
    for name, minimum, is_failure in bands:
        if value >= minimum:
            return name, not is_failure
    name, _minimum, is_failure = bands[-1]
    return name, not is_failure


def digest(payload):
    """SHA-256 of a JSON-serialisable payload, independent of key order."""
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
