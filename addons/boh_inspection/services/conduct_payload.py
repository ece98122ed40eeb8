"""The JSON of the phone screen that conducts a visit.

``inspection_data`` is what the screen reads when it opens a visit (one call,
a few queries); ``answer_values`` is one answer as the screen shows it, also
returned after each saved answer and photo.  The screen's code
(``static/src/conduct``) reads these keys: change both together.
"""

from odoo import fields

ITEM_FIELDS = [
    "section_id",
    "sequence",
    "name",
    "guidance",
    "item_type",
    "weight",
    "is_critical",
    "photo_required_on_fail",
    "note_required_on_fail",
    "is_required",
    "yes_is_pass",
    "scale_max",
    "scale_pass_min",
    "has_min",
    "min_value",
    "has_max",
    "max_value",
    "unit",
    "parent_item_id",
    "trigger",
    "option_ids",
]
ANSWER_FIELDS = [
    "item_id",
    "is_na",
    "value_choice",
    "value_number",
    "value_text",
    "value_date",
    "option_ids",
    "note",
    "answered",
    "answered_at",
    "score",
    "is_failed",
]


def answer_values(answer, photos, signature):
    """One answer for the screen.

    :param photos: list of ``{"id", "name"}`` of the answer's photos
    :param signature: whether a signature is drawn on the answer
    """
    return {
        "id": answer.id,
        "item_id": answer.item_id.id,
        "is_na": answer.is_na,
        "value_choice": answer.value_choice or False,
        "value_number": answer.value_number,
        "value_text": answer.value_text or "",
        "value_date": fields.Date.to_string(answer.value_date) or "",
        "option_ids": answer.option_ids.ids,
        "note": answer.note or "",
        "answered": answer.answered,
        "answered_at": fields.Datetime.to_string(answer.answered_at) or "",
        "is_failed": answer.is_failed,
        "client_time": answer.client_time,
        "has_signature": bool(signature),
        "photos": photos,
    }


def item_values(item, with_reference):
    """One item of the checklist for the screen."""
    return {
        "id": item.id,
        "name": item.name,
        "guidance": item.guidance or "",
        "type": item.item_type,
        "critical": item.is_critical,
        "photo_required_on_fail": item.photo_required_on_fail,
        "note_required_on_fail": item.note_required_on_fail,
        "required": item.is_required,
        "scale_max": item.scale_max,
        "scale_pass_min": item.scale_pass_min,
        "yes_is_pass": item.yes_is_pass,
        "min": item.min_value if item.has_min else None,
        "max": item.max_value if item.has_max else None,
        "unit": item.unit or "",
        "parent_item_id": item.parent_item_id.id,
        "trigger": item.trigger,
        "has_reference_image": item.id in with_reference,
        "options": [
            {"id": o.id, "name": o.name, "failure": o.is_failure}
            for o in item.option_ids
        ],
    }


def answer_files(env, answers):
    """Photos (``{"id", "name"}`` by answer id) and the ids of the answers
    with a drawn signature, in one query (under the caller's rights)."""
    photos, signed_answers = {}, set()
    for att in env["ir.attachment"].search_read(
        [
            ("res_model", "=", "boh.inspection.answer"),
            ("res_field", "in", [False, "signature"]),
            ("res_id", "in", answers.ids),
        ],
        ["res_id", "name", "res_field"],
        order="id",
    ):
        if att["res_field"]:
            signed_answers.add(att["res_id"])
        else:
            photos.setdefault(att["res_id"], []).append(
                {"id": att["id"], "name": att["name"]}
            )
    return photos, signed_answers


def inspection_data(inspection, inspection_sudo):
    """Everything the screen needs to conduct ``inspection``.

    :param inspection: the visit, as the caller (who may read it)
    :param inspection_sudo: the same visit as superuser, to read its
        template and answers without the record rules of each model
    """
    template = inspection_sudo.template_id
    items = template.item_ids
    items.fetch(ITEM_FIELDS)
    items.option_ids.fetch(["name", "sequence", "is_failure"])
    with_reference = set(
        items.search([("id", "in", items.ids), ("reference_image", "!=", False)]).ids
    )
    answers = inspection_sudo.answer_ids
    answers.fetch(ANSWER_FIELDS)
    photos, signed_answers = answer_files(inspection.env, answers)
    sections = [
        {
            "id": section.id,
            "name": section.name,
            "items": [
                item_values(item, with_reference)
                for item in items
                if item.section_id == section
            ],
        }
        for section in template.section_ids
    ]
    return {
        "id": inspection.id,
        "name": inspection.name,
        "state": inspection.state,
        "store": inspection_sudo.store_id.display_name,
        "store_manager": inspection_sudo.store_manager_id.name or "",
        "template": template.display_name,
        "gps_warning": inspection.gps_warning or "",
        "score": inspection.score,
        "grade": inspection.grade or "",
        "progress": inspection.progress,
        "sections": sections,
        "answers": {
            a.item_id.id: answer_values(a, photos.get(a.id, []), a.id in signed_answers)
            for a in answers
        },
    }
