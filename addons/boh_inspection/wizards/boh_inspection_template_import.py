import base64
import io

import openpyxl
from openpyxl.drawing.image import Image as XlsxImage

from odoo import _, fields, models
from odoo.exceptions import UserError
from odoo.tools.image import image_process

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
# Columns added later: optional in the files read, always written.
EXTRA_COLUMNS = [
    "Key",
    "Required",
    "Yes Passes",
    "Follow-up Of",
    "Show When",
    "Reference Image",
]
ALL_COLUMNS = COLUMNS + EXTRA_COLUMNS
IMAGE_COLUMN = ALL_COLUMNS.index("Reference Image")
IMAGE_ROW_HEIGHT = 60  # points
IMAGE_SIDE = 75  # pixels of the picture as shown in the sheet


class BohInspectionTemplateImport(models.TransientModel):
    """Import a checklist template from an XLSX file (and export one).

    Sheet "Template": name and code in A2 and B2.  Sheet "Items": one row per
    item with the columns of :data:`COLUMNS` (and optionally
    :data:`EXTRA_COLUMNS`); options are separated by ";" and an option that
    fails the item starts with "!".  A follow-up item gives in "Follow-up Of"
    the key (column "Key") or the name of the item it follows and in "Show
    When" ``fail`` or ``pass``.  The reference photo of an item is a picture
    placed in its row of the "Reference Image" column (the export places
    them there; any picture anchored in that row is read).
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
        items.append(ALL_COLUMNS)
        image_letter = openpyxl.utils.get_column_letter(IMAGE_COLUMN + 1)
        for row, item in enumerate(template.item_ids, start=2):
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
                    item.key,
                    int(item.is_required),
                    int(item.yes_is_pass),
                    item.parent_item_id.key or "",
                    item.trigger if item.parent_item_id else "",
                    "",
                ]
            )
            if item.reference_image:
                # the photo itself (up to 1920 px), shown small in the sheet
                picture = XlsxImage(io.BytesIO(base64.b64decode(item.reference_image)))
                ratio = IMAGE_SIDE / max(picture.width, picture.height)
                picture.width = int(picture.width * ratio)
                picture.height = int(picture.height * ratio)
                items.add_image(picture, f"{image_letter}{row}")
                items.row_dimensions[row].height = IMAGE_ROW_HEIGHT
        out = io.BytesIO()
        book.save(out)
        return base64.b64encode(out.getvalue())

    def _read_rows(self):
        """Name, code, rows (dicts by column) and reference images by row."""
        try:
            book = openpyxl.load_workbook(
                io.BytesIO(base64.b64decode(self.file)), data_only=True
            )
        except Exception as exc:
            raise UserError(
                _("%(file)s is not an XLSX file.", file=self.filename)
                if self.filename
                else _("The file is not an XLSX file.")
            ) from exc
        if "Items" not in book.sheetnames or "Template" not in book.sheetnames:
            raise UserError(
                _("%(file)s needs the sheets Template and Items.", file=self.filename)
                if self.filename
                else _("The file needs the sheets Template and Items.")
            )
        meta = list(book["Template"].iter_rows(min_row=2, max_row=2, values_only=True))
        name, code = (list(meta[0]) + [None, None])[:2] if meta else (None, None)
        sheet = book["Items"]
        rows = list(sheet.iter_rows(values_only=True))
        header = [str(c or "").strip() for c in rows[0]] if rows else []
        if header[: len(COLUMNS)] != COLUMNS:
            raise UserError(
                _(
                    "Sheet Items of %(file)s must start with the columns: %(cols)s.",
                    file=self.filename,
                    cols=", ".join(COLUMNS),
                )
                if self.filename
                else _(
                    "Sheet Items of the file must start with the columns: %(cols)s.",
                    cols=", ".join(COLUMNS),
                )
            )
        known = [c if c in ALL_COLUMNS else None for c in header]
        records = []
        for values in rows[1:]:
            row = dict.fromkeys(ALL_COLUMNS)
            row.update({c: v for c, v in zip(known, values) if c is not None})
            records.append(row)
        images = {}
        image_col = (
            header.index("Reference Image") if "Reference Image" in header else -1
        )
        for picture in getattr(sheet, "_images", []):
            anchor = getattr(picture.anchor, "_from", None)
            if anchor is None or anchor.col != image_col:
                continue
            images[anchor.row + 1] = picture._data()
        return name, code, records, images

    def _prepare_template_values(self):
        """Values of the template read from the file, and its follow-ups.

        :return: ``(follow_ups, values)``; ``follow_ups`` lists pairs of
            (section name, position) of an item and of the item it follows
        """
        name, code, rows, images = self._read_rows()
        if not name:
            raise UserError(_("Sheet Template: the name (cell A2) is missing."))
        types = dict(ITEM_TYPES)
        severities = dict(SEVERITIES)
        sections = {}
        keys, follow_ups = {}, []
        for number, row in enumerate(rows, start=2):
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
            trigger = str(row["Show When"] or "fail").strip().lower()
            if trigger not in ("fail", "pass"):
                raise UserError(
                    _(
                        "%(where)s: Show When must be fail or pass, not %(value)s.",
                        where=where,
                        value=row["Show When"],
                    )
                )
            reference = False
            if number in images:
                try:
                    reference = base64.b64encode(
                        image_process(images[number], size=(1920, 1920))
                    )
                except (UserError, ValueError, OSError) as exc:
                    raise UserError(
                        _(
                            "%(where)s: the reference image is not an image.",
                            where=where,
                        )
                    ) from exc
            section = sections.setdefault(
                str(row["Section"] or _("General")), {"items": []}
            )
            vals = {
                "reference_image": reference,
                "is_required": row["Required"] in (None, "") or bool(row["Required"]),
                "yes_is_pass": row["Yes Passes"] in (None, "")
                or bool(row["Yes Passes"]),
                "trigger": trigger,
            }
            section_name = str(row["Section"] or _("General"))
            item_ref = (section_name, len(section["items"]))
            key = str(row["Key"] or "").strip()
            if key:
                keys[key] = item_ref
            keys.setdefault(str(row["Item"]).strip(), item_ref)
            if row["Follow-up Of"] not in (None, ""):
                follow_ups.append((where, item_ref, str(row["Follow-up Of"]).strip()))
            section["items"].append(
                vals
                | {
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
        parents = []
        for where, item_ref, parent in follow_ups:
            if parent not in keys:
                raise UserError(
                    _(
                        "%(where)s: follow-up of %(parent)s, but no item of the"
                        " file has this key or name.",
                        where=where,
                        parent=parent,
                    )
                )
            if keys[parent] == item_ref:
                raise UserError(
                    _("%(where)s: an item cannot follow itself.", where=where)
                )
            parents.append((item_ref, keys[parent]))
        return parents, {
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
        follow_ups, values = self._prepare_template_values()
        template = self.env["boh.inspection.template"].create(values)
        items = {
            (section.name, index): item
            for section in template.section_ids
            for index, item in enumerate(section.item_ids.sorted("sequence"))
        }
        for item_ref, parent_ref in follow_ups:
            items[item_ref].parent_item_id = items[parent_ref]
        self.template_id = template
        return {
            "type": "ir.actions.act_window",
            "res_model": "boh.inspection.template",
            "res_id": template.id,
            "view_mode": "form",
            "target": "current",
        }
