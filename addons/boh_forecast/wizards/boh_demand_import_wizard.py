import base64
import csv
import io
from datetime import date, datetime

from odoo import _, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.boh_base.services.inputs import check_date, check_number

# Plausible daily means (°C, either sign) and rain of a store's town.
MAX_TEMPERATURE = 90.0
MAX_RAIN_MM = 2000.0

MAX_ERRORS_SHOWN = 30
COLUMNS = {
    "sales": ("store", "product", "date", "qty"),
    "weather": ("store", "date", "temperature"),
}


class BohDemandImportWizard(models.TransientModel):
    """Import daily sales (or weather) from a CSV or XLSX file.

    Sales columns: ``store`` (code), ``product`` (internal reference or
    barcode), ``date``, ``qty`` and optionally ``stockout`` and ``amount`` (net sales
    excluding taxes).  Weather columns:
    ``store``, ``date``, ``temperature`` and optionally ``rain_mm``.  Every row
    is checked first; any error stops the import with the list of rows and
    fields at fault, and nothing is written.  Stores (never central
    warehouses or kitchens) and products are those the user may read.
    """

    _name = "boh.demand.import.wizard"
    _description = "BOH Sales and Weather Import"

    import_type = fields.Selection(
        [("sales", "Daily Sales"), ("weather", "Weather")],
        required=True,
        default="sales",
    )
    file = fields.Binary(required=True)
    filename = fields.Char()
    result = fields.Text(readonly=True)

    def _read_rows(self):
        """Header-mapped rows as dicts with the file's line number in ``row``."""
        data = base64.b64decode(self.file or b"")
        name = (self.filename or "").lower()
        if name.endswith(".xlsx"):
            table = self._read_xlsx(data)
        else:
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError as exc:
                raise UserError(
                    _(
                        "File %(file)s: the CSV file must be encoded in UTF-8.",
                        file=self.filename,
                    )
                ) from exc
            table = list(csv.reader(io.StringIO(text)))
        if not table:
            raise UserError(_("File %(file)s is empty.", file=self.filename))
        header = [str(h or "").strip().lower() for h in table[0]]
        missing = [c for c in COLUMNS[self.import_type] if c not in header]
        if missing:
            raise UserError(
                _(
                    "File %(file)s: missing column(s) %(columns)s.",
                    file=self.filename,
                    columns=", ".join(missing),
                )
            )
        rows = []
        for line, values in enumerate(table[1:], start=2):
            if not any(v not in (None, "") for v in values):
                continue
            row = dict(zip(header, values))
            for key, value in row.items():
                if isinstance(value, datetime):
                    row[key] = value.date()
                elif isinstance(value, date):
                    row[key] = value
            row["row"] = line
            rows.append(row)
        return rows

    def _read_xlsx(self, data):
        try:
            import openpyxl

            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
        except Exception as exc:  # noqa: BLE001 - any unreadable file
            raise UserError(
                _("File %(file)s is not a readable XLSX file.", file=self.filename)
            ) from exc
        sheet = book.worksheets[0]
        return [list(r) for r in sheet.iter_rows(values_only=True)]

    def _raise_errors(self, errors):
        # each message names its row and field
        lines = [e["message"] for e in errors[:MAX_ERRORS_SHOWN]]
        if len(errors) > MAX_ERRORS_SHOWN:
            lines.append(
                _("... and %(count)s more.", count=len(errors) - MAX_ERRORS_SHOWN)
            )
        raise UserError(
            _(
                "Nothing was imported from %(file)s:\n%(errors)s",
                file=self.filename,
                errors="\n".join(lines),
            )
        )

    def action_import(self):
        self.ensure_one()
        rows = self._read_rows()
        if self.import_type == "weather":
            message = self._import_weather(rows)
        else:
            Demand = self.env["boh.demand.daily"]
            values, errors = Demand._prepare_external_rows(rows, self.env.company)
            if errors:
                self._raise_errors(errors)
            changed = Demand._write_external_rows("import", values)
            message = _(
                "%(rows)s rows read, %(changed)s days added or changed.",
                rows=len(rows),
                changed=changed,
            )
        self.result = message
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    def _import_weather(self, rows):
        codes = [str(r.get("store") or "").strip() for r in rows]
        # the user's rights decide which stores are known
        stores = {
            s.code: s
            for s in self.env["boh.store"].search(
                [("code", "in", codes), ("company_id", "=", self.env.company.id)]
            )
        }
        errors = []
        per_store = {}
        for row, code in zip(rows, codes, strict=True):
            label = _("Row %(row)s", row=row["row"])
            line_errors = []
            store = stores.get(code)
            if not store or store.store_type != "store":
                line_errors.append(
                    (
                        "store",
                        _(
                            "%(row)s: %(value)s is not one of your stores.",
                            row=label,
                            value=code or '""',
                        ),
                    )
                )
            checks = (
                ("date", check_date, {"allow_empty": False}),
                (
                    "temperature",
                    check_number,
                    {"maximum": MAX_TEMPERATURE, "allow_empty": False},
                ),
                ("rain_mm", check_number, {"minimum": 0.0, "maximum": MAX_RAIN_MM}),
            )
            checked = {}
            for fname, check, options in checks:
                try:
                    checked[fname] = check(row.get(fname), label, fname, **options)
                except ValidationError as exc:
                    line_errors.append((fname, exc.args[0]))
            if line_errors:
                errors.extend(
                    {"row": row["row"], "field": field, "message": message}
                    for field, message in line_errors
                )
                continue
            per_store.setdefault(store, {})[checked["date"]] = (
                checked["temperature"],
                checked["rain_mm"],
            )
        if errors:
            self._raise_errors(errors)
        Weather = self.env["boh.weather.daily"]
        for store, values in per_store.items():
            Weather._store_values(store, values)
        return _("%(rows)s weather rows imported.", rows=len(rows))
