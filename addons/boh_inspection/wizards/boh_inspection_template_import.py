import base64
import io

import openpyxl

from odoo import _, fields, models
from odoo.exceptions import UserError

from ..models.boh_inspection_item import ITEM_TYPES, SEVERITIES

COLUMNS = [
    "Section",
    "Item",
    "Type",
    "Weight",
    "Critical",
    "Severity",
    "Photo on Failure",
    "Note on Failure",
    "Corrective Action",
    "Minimum",
    "Maximum",
    "Unit",
    "Scale Maximum",
    "Lowest Passing Score",
    "Options",
    "Guidance",
]


class BohInspectionTemplateImport(models.TransientModel):
    """Import a checklist template from an XLSX file (and export one).

    Sheet "Template": name and code in A2 and B2.  Sheet "Items": one row per
    item with the columns of :data:`COLUMNS`; options are separated by ";" and
    an option that fails the item starts with "!".
    """

    _name = "boh.inspection.template.import"
    _description = "Import Inspection Template"

    file = fields.Binary(string="XLSX File", required=True)
    filename = fields.Char()
    template_id = fields.Many2one("boh.inspection.template", readonly=True)

    def _export_template(self, template):
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = "Template"
        sheet.append(["Name", "Code"])
        sheet.append([template.name, template.code or ""])
        items = book.create_sheet("Items")
        items.append(COLUMNS)
        for item in template.item_ids:
            items.append(
                [
                    item.section_id.name,
                    item.name,
                    item.item_type,
                    item.weight,
                    int(item.is_critical),
                    item.severity,
                    int(item.photo_required_on_fail),
                    int(item.note_required_on_fail),
                    int(item.auto_action),
                    item.min_value if item.has_min else None,
                    item.max_value if item.has_max else None,
                    item.unit or "",
                    item.scale_max if item.item_type == "scale" else None,
                    item.scale_pass_min if item.item_type == "scale" else None,
                    ";".join(
                        ("!" if o.is_failure else "") + o.name for o in item.option_ids
                    ),
                    item.guidance or "",
                ]
            )
        out = io.BytesIO()
        book.save(out)
        return base64.b64encode(out.getvalue())

    def _read_rows(self):
        try:
            book = openpyxl.load_workbook(
                io.BytesIO(base64.b64decode(self.file)), read_only=True, data_only=True
            )
        except Exception as exc:
            raise UserError(
                _("%(file)s is not an XLSX file.", file=self.filename or _("The file"))
            ) from exc
        if "Items" not in book.sheetnames or "Template" not in book.sheetnames:
            raise UserError(
                _(
                    "%(file)s needs the sheets Template and Items.",
                    file=self.filename or _("The file"),
                )
            )
        meta = list(book["Template"].iter_rows(min_row=2, max_row=2, values_only=True))
        name, code = (list(meta[0]) + [None, None])[:2] if meta else (None, None)
        rows = list(book["Items"].iter_rows(values_only=True))
        if not rows or [str(c or "").strip() for c in rows[0][: len(COLUMNS)]] != (
            COLUMNS
        ):
            raise UserError(
                _(
                    "Sheet Items of %(file)s must start with the columns: %(cols)s.",
                    file=self.filename or _("the file"),
                    cols=", ".join(COLUMNS),
                )
            )
        return name, code, rows[1:]

    def _prepare_template_values(self):
        name, code, rows = self._read_rows()
        if not name:
            raise UserError(_("Sheet Template: the name (cell A2) is missing."))
        types = dict(ITEM_TYPES)
        severities = dict(SEVERITIES)
        sections = {}
        for number, row in enumerate(rows, start=2):
            row = dict(zip(COLUMNS, list(row) + [None] * len(COLUMNS)))
            if not row["Item"]:
                continue
            where = _("Items, row %(row)s", row=number)
            if row["Type"] not in types:
                raise UserError(
                    _(
                        "%(where)s: type %(type)s is unknown (one of %(types)s).",
                        where=where,
                        type=row["Type"],
                        types=", ".join(types),
                    )
                )
            severity = row["Severity"] or "medium"
            if severity not in severities:
                raise UserError(
                    _(
                        "%(where)s: severity %(sev)s is unknown.",
                        where=where,
                        sev=severity,
                    )
                )
            try:
                weight = float(row["Weight"] if row["Weight"] is not None else 1)
                minimum, maximum = (
                    None if row[c] in (None, "") else float(row[c])
                    for c in ("Minimum", "Maximum")
                )
                scale_max = int(row["Scale Maximum"] or 5)
                pass_min = int(row["Lowest Passing Score"] or 0)
            except (TypeError, ValueError) as exc:
                raise UserError(
                    _("%(where)s: a number is not valid.", where=where)
                ) from exc
            options = [
                o.strip() for o in str(row["Options"] or "").split(";") if o.strip()
            ]
            section = sections.setdefault(
                str(row["Section"] or _("General")), {"items": []}
            )
            section["items"].append(
                {
                    "sequence": len(section["items"]) + 1,
                    "name": str(row["Item"]),
                    "item_type": row["Type"],
                    "weight": weight,
                    "is_critical": bool(row["Critical"]),
                    "severity": severity,
                    "photo_required_on_fail": bool(row["Photo on Failure"]),
                    "note_required_on_fail": bool(row["Note on Failure"]),
                    "auto_action": bool(row["Corrective Action"]),
                    "has_min": minimum is not None,
                    "min_value": minimum or 0.0,
                    "has_max": maximum is not None,
                    "max_value": maximum or 0.0,
                    "unit": row["Unit"] or False,
                    "scale_max": scale_max,
                    "scale_pass_min": pass_min,
                    "guidance": row["Guidance"] or False,
                    "option_ids": [
                        (
                            0,
                            0,
                            {
                                "sequence": i,
                                "name": o.lstrip("!").strip(),
                                "is_failure": o.startswith("!"),
                                "score": 0.0 if o.startswith("!") else 1.0,
                            },
                        )
                        for i, o in enumerate(options)
                    ],
                }
            )
        if not sections:
            raise UserError(_("Sheet Items holds no item."))
        return {
            "name": str(name),
            "code": code or False,
            "section_ids": [
                (
                    0,
                    0,
                    {
                        "sequence": seq,
                        "name": section_name,
                        "item_ids": [(0, 0, vals) for vals in section["items"]],
                    },
                )
                for seq, (section_name, section) in enumerate(sections.items())
            ],
        }

    def action_import(self):
        self.ensure_one()
        template = self.env["boh.inspection.template"].create(
            self._prepare_template_values()
        )
        self.template_id = template
        return {
            "type": "ir.actions.act_window",
            "res_model": "boh.inspection.template",
            "res_id": template.id,
            "view_mode": "form",
            "target": "current",
        }
