import base64
import io

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..report.boh_order_guide_xlsx import GUIDE_COLUMNS

SOURCE_TYPES = ("central_warehouse", "central_kitchen", "supplier")
NUMBERS = ("sequence", "pack_qty", "qty_par", "qty_min", "qty_max")


class BohOrderGuideImport(models.TransientModel):
    """Replace (or extend) a guide's lines from a workbook.

    Every row is checked first; one bad row and nothing is written, and the
    error lists each bad row with its field.
    """

    _name = "boh.order.guide.import"
    _description = "Import an Order Guide"

    guide_id = fields.Many2one("boh.order.guide", required=True)
    file = fields.Binary(string="XLSX File", required=True)
    filename = fields.Char()
    replace = fields.Boolean(
        string="Replace Lines", default=True, help="Remove the guide's lines first."
    )

    def _read_rows(self):
        import openpyxl

        try:
            book = openpyxl.load_workbook(
                io.BytesIO(base64.b64decode(self.file)), read_only=True, data_only=True
            )
        except Exception as exc:
            raise UserError(
                _(
                    "The file %(file)s is not an XLSX workbook.",
                    file=self.filename or "",
                )
            ) from exc
        rows = list(book.worksheets[0].iter_rows(values_only=True))
        if not rows:
            raise UserError(_("The workbook is empty."))
        labels = {}
        for key, label in GUIDE_COLUMNS:  # a loop: the labels translate in self's
            labels[label._source.lower()] = key  # language, in English too
            labels[str(label).lower()] = key
        header = [labels.get(str(cell or "").strip().lower()) for cell in rows[0]]
        if "default_code" not in header:
            raise UserError(
                _(
                    "Row 1: the column %(column)s is missing.",
                    column=str(dict(GUIDE_COLUMNS)["default_code"]),
                )
            )
        return [
            (index, dict(zip(header, row, strict=False)))
            for index, row in enumerate(rows[1:], start=2)
            if any(cell not in (None, "") for cell in row)
        ]

    @api.model
    def _parse_numbers(self, row, vals, error):
        """Put the numeric columns of ``row`` in ``vals``; report bad cells."""
        labels = {}
        for key, label in GUIDE_COLUMNS:  # a loop: translated in self's language
            labels[key] = str(label)
        for key in NUMBERS:
            value = row.get(key)
            if value in (None, ""):
                continue
            try:
                number = float(value)
            except (TypeError, ValueError):
                error(labels[key], _("%(value)r is not a number.", value=value))
                continue
            if number < 0 or (key == "pack_qty" and number == 0):
                error(labels[key], _("%(value)s must be positive.", value=value))
                continue
            vals[key] = int(number) if key == "sequence" else number

    def _parse(self, rows):
        """Values of the guide lines, or the list of errors."""
        env = self.env
        codes = {str(r.get("default_code") or "").strip() for _i, r in rows}
        products = {
            p.default_code: p
            for p in env["product.product"].search(
                [("default_code", "in", list(codes))]
            )
        }
        sites = {
            s.code: s
            for s in env["boh.store"].search(
                [("store_type", "in", ("warehouse", "kitchen"))]
            )
        }
        uoms = {u.name.lower(): u for u in env["uom.uom"].search([])}
        errors, vals_list, seen = [], [], set()
        for index, row in rows:

            def error(field, message, index=index):
                errors.append((index, field, message))

            vals = {"guide_id": self.guide_id.id}
            code = str(row.get("default_code") or "").strip()
            product = products.get(code)
            if not product:
                error(_("Product Code"), _("no product with code %(code)r.", code=code))
                continue
            vals["product_id"] = product.id
            self._parse_numbers(row, vals, error)
            source_type = str(row.get("source_type") or "central_warehouse").strip()
            if source_type not in SOURCE_TYPES:
                error(
                    _("Source Type"),
                    _(
                        "%(value)r is not one of %(allowed)s.",
                        value=source_type,
                        allowed=", ".join(SOURCE_TYPES),
                    ),
                )
                continue
            vals["source_type"] = source_type
            if source_type == "supplier":
                name = str(row.get("supplier") or "").strip()
                partner = (
                    env["res.partner"].search(
                        ["|", ("ref", "=", name), ("name", "=", name)], limit=1
                    )
                    if name
                    else False
                )
                if not partner:
                    error(_("Supplier"), _("no supplier %(name)r.", name=name))
                    continue
                vals["partner_id"] = partner.id
            else:
                site = sites.get(str(row.get("source_site") or "").strip())
                if not site:
                    error(
                        _("Source Site"),
                        _("no central site %(code)r.", code=row.get("source_site")),
                    )
                    continue
                vals["source_store_id"] = site.id
            uom_name = str(row.get("uom") or "").strip().lower()
            if uom_name:
                uom = uoms.get(uom_name)
                if not uom:
                    error(_("Unit"), _("no unit %(name)r.", name=row.get("uom")))
                    continue
                if uom.category_id != product.uom_id.category_id:
                    error(
                        _("Unit"),
                        _(
                            "%(uom)s cannot measure %(product)s.",
                            uom=uom.name,
                            product=product.display_name,
                        ),
                    )
                    continue
                vals["product_uom_id"] = uom.id
            if vals.get("qty_max") and vals.get("qty_min", 0) > vals["qty_max"]:
                error(_("Min"), _("the min is above the max."))
                continue
            key = (
                product.id,
                source_type,
                vals.get("source_store_id"),
                vals.get("partner_id"),
            )
            if key in seen:
                error(
                    _("Product Code"),
                    _("%(code)s appears twice for this source.", code=code),
                )
                continue
            seen.add(key)
            vals_list.append(vals)
        return vals_list, [
            _(
                "Row %(row)s, %(field)s: %(message)s",
                row=row,
                field=field,
                message=message,
            )
            for row, field, message in errors
        ]

    def action_import(self):
        self.ensure_one()
        vals_list, errors = self._parse(self._read_rows())
        if errors:
            raise UserError(
                _("Nothing was imported:\n%(errors)s", errors="\n".join(errors))
            )
        if self.replace:
            self.guide_id.line_ids.unlink()
        else:
            present = {
                (
                    gl.product_id.id,
                    gl.source_type,
                    gl.source_store_id.id or None,
                    gl.partner_id.id or None,
                )
                for gl in self.guide_id.line_ids
            }
            clash = [
                v
                for v in vals_list
                if (
                    v["product_id"],
                    v["source_type"],
                    v.get("source_store_id"),
                    v.get("partner_id"),
                )
                in present
            ]
            if clash:
                names = self.env["product.product"].browse(
                    [v["product_id"] for v in clash]
                )
                raise UserError(
                    _(
                        "Nothing was imported: %(products)s are already in the guide;"
                        " tick Replace Lines.",
                        products=", ".join(names.mapped("display_name")),
                    )
                )
        self.env["boh.order.guide.line"].create(vals_list)
        return {"type": "ir.actions.act_window_close"}
