"""Rows of demand from outside Odoo (the import wizard and the JSON API of
other POS systems): each row's store, product, day and quantity checked,
nothing written until the whole batch is valid."""

from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.boh_base.services.inputs import check_date, check_id, check_number


class BohDemandImportMixin(models.AbstractModel):
    _name = "boh.demand.import.mixin"
    _description = "BOH Demand Rows From Outside Odoo"

    @api.model
    def _prepare_external_rows(self, rows, company):
        """Check rows of an import or API batch; nothing is written here.

        ``rows``: list of dicts with the store (``store``, its code, or
        ``store_id``, its id), the product (``product``, internal reference or
        barcode, or ``product_id``), ``date`` (YYYY-MM-DD), ``qty`` and
        optional ``stockout``, plus ``row`` (the number shown in errors).
        Stores and products are looked up with the rights of the environment's
        user (the importing user, the API key's user) among the stores of
        ``company``: another store's or company's record is unknown.  Only
        stores (not central warehouses or kitchens) have sales.  Returns
        ``(values, errors)``: ``values`` a dict of lists for :meth:`_upsert`,
        ``errors`` a list of ``{"row", "field", "message"}`` whose message
        names the row and the field.
        """
        parsed = [
            self._parse_external_row(index, raw) for index, raw in enumerate(rows, 1)
        ]
        stores = self._find_external_stores(parsed, company)
        products = self._find_external_products(parsed, company)
        today = fields.Date.context_today(self)
        values = {
            "stores": [],
            "products": [],
            "dates": [],
            "qtys": [],
            "flags": [],
            "amounts": [],
        }
        errors = []
        seen = {}
        for line in parsed:
            row, label, line_errors = line["row"], line["label"], line["errors"]
            store = stores.get(line["store"]) if line["store"] else None
            if line["store"] and not store:
                line_errors.append(
                    (
                        line["store_field"],
                        _(
                            "%(row)s: store %(value)s is unknown or not one of yours.",
                            row=label,
                            value=line["store"][1],
                        ),
                    )
                )
            elif store and store.store_type != "store":
                line_errors.append(
                    (
                        line["store_field"],
                        _(
                            "%(row)s: %(store)s is a central warehouse or"
                            " kitchen, not a store: its sales cannot be"
                            " recorded.",
                            row=label,
                            store=store.display_name,
                        ),
                    )
                )
            product_id = products.get(line["product"]) if line["product"] else None
            if line["product"] and not product_id:
                line_errors.append(
                    (
                        line["product_field"],
                        _(
                            "%(row)s: product %(value)s is unknown or not one of"
                            " yours.",
                            row=label,
                            value=line["product"][1],
                        ),
                    )
                )
            day = line["date"]
            if day and day > today + timedelta(days=1):
                line_errors.append(
                    (
                        "date",
                        _(
                            "%(row)s: date %(date)s is in the future: only days"
                            " already sold can be recorded.",
                            row=label,
                            date=day.isoformat(),
                        ),
                    )
                )
            if not line_errors:
                key = (store.id, product_id, day)
                if key in seen:
                    line_errors.append(
                        (
                            "date",
                            _(
                                "%(row)s: same store, product and day as row"
                                " %(other)s.",
                                row=label,
                                other=seen[key],
                            ),
                        )
                    )
                seen[key] = row
            if line_errors:
                errors.extend(
                    {"row": row, "field": field, "message": msg}
                    for field, msg in line_errors
                )
                continue
            values["stores"].append(store.id)
            values["products"].append(product_id)
            values["dates"].append(day)
            values["qtys"].append(line["qty"])
            values["flags"].append(line["flag"])
            values["amounts"].append(line["amount"])
        return values, errors

    @api.model
    def _parse_external_row(self, index, raw):
        """One row's values checked on their own (see the caller)."""
        row = raw.get("row", index) if isinstance(raw, dict) else index
        label = _("Row %(row)s", row=row)
        line = {
            "row": row,
            "label": label,
            "errors": [],
            "store": None,
            "store_field": "store",
            "product": None,
            "product_field": "product",
            "date": None,
            "qty": None,
            "amount": None,
            "flag": False,
        }
        if not isinstance(raw, dict):
            line["errors"].append(
                ("", _("%(row)s: a line must be an object.", row=label))
            )
            return line
        errors = line["errors"]
        for kind in ("store", "product"):
            id_key = f"{kind}_id"
            if raw.get(id_key) not in (None, ""):
                line[f"{kind}_field"] = id_key
                try:
                    line[kind] = ("id", check_id(raw[id_key], label, id_key))
                except ValidationError as exc:
                    errors.append((id_key, exc.args[0]))
                continue
            value = raw.get(kind)
            if not isinstance(value, str | int) or isinstance(value, bool):
                value = "" if value in (None, False) else repr(value)
            code = str(value).strip()
            if code:
                line[kind] = ("code", code)
            else:
                errors.append(
                    (kind, _("%(row)s: %(field)s is required.", row=label, field=kind))
                )
        try:
            line["date"] = check_date(raw.get("date"), label, "date", allow_empty=False)
        except ValidationError as exc:
            errors.append(("date", exc.args[0]))
        try:
            line["qty"] = check_number(
                raw.get("qty"), label, "qty", minimum=0.0, allow_empty=False
            )
        except ValidationError as exc:
            errors.append(("qty", exc.args[0]))
        # net sales are optional: a row without them keeps the stored value
        amount = raw.get("amount")
        if amount is not None and amount is not False and amount != "":
            try:
                line["amount"] = check_number(amount, label, "amount", minimum=0.0)
            except ValidationError as exc:
                errors.append(("amount", exc.args[0]))
        flag = _parse_bool(raw.get("stockout", False))
        if flag is None:
            errors.append(
                (
                    "stockout",
                    _(
                        "%(row)s: stockout must be true or false, not %(value)r.",
                        row=label,
                        value=raw.get("stockout"),
                    ),
                )
            )
        line["flag"] = bool(flag)
        return line

    @api.model
    def _find_external_stores(self, parsed, company):
        """``{("code"|"id", value): store}`` of the rows' stores that the
        user may read in ``company`` (search with the user's rights)."""
        keys = {line["store"] for line in parsed if line["store"]}
        codes = [v for kind, v in keys if kind == "code"]
        ids = [v for kind, v in keys if kind == "id"]
        found = self.env["boh.store"].search(
            [
                ("company_id", "=", company.id),
                "|",
                ("code", "in", codes),
                ("id", "in", ids),
            ]
        )
        out = {}
        for store in found:
            out[("code", store.code)] = store
            out[("id", store.id)] = store
        return out

    @api.model
    def _find_external_products(self, parsed, company):
        """``{("code"|"id", value): product id}`` of the rows' products that
        the user may read (reference, barcode or id)."""
        keys = {line["product"] for line in parsed if line["product"]}
        refs = [v for kind, v in keys if kind == "code"]
        ids = [v for kind, v in keys if kind == "id"]
        found = (
            self.env["product.product"]
            .with_context(active_test=False)
            .search(
                [
                    ("company_id", "in", [False, company.id]),
                    "|",
                    "|",
                    ("default_code", "in", refs),
                    ("barcode", "in", refs),
                    ("id", "in", ids),
                ]
            )
        )
        out = {}
        for product in found:
            out[("id", product.id)] = product.id
            if product.barcode:
                out.setdefault(("code", product.barcode), product.id)
            if product.default_code:
                out[("code", product.default_code)] = product.id
        return out

    @api.model
    def _write_external_rows(self, source, values):
        return self._upsert(
            source,
            values["stores"],
            values["products"],
            values["dates"],
            values["qtys"],
            values["flags"],
            amounts=values.get("amounts"),
        )


def _parse_bool(value):
    if isinstance(value, bool):
        return value
    if value in (None, "", 0, 1):
        return bool(value)
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "y", "x"):
        return True
    if text in ("0", "false", "no", "n"):
        return False
    return None
