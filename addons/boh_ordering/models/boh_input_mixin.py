from odoo import _, api, models
from odoo.exceptions import ValidationError

from odoo.addons.boh_base.services.inputs import check_vals_numbers


class LazyLabel:
    """How an error names a record, computed only when an error is raised
    (the label reads products and names, values are checked on every write)."""

    def __init__(self, func):
        self._func = func

    def __str__(self):
        return str(self._func())


class BohInputMixin(models.AbstractModel):
    """Checks of typed or imported values shared by counts, waste and claims.

    A quantity that is not a number (text, NaN, an infinity, a number beyond
    any real quantity), a negative quantity, or a record of an archived store,
    is refused with a message naming the record and the field, before
    anything is written.
    """

    _name = "boh.input.mixin"
    _description = "BOH Input Checks"
    # Quantities and prices: finite numbers, never negative.
    _boh_numeric_fields = ()
    _boh_store_field = "store_id"

    def _boh_input_label(self, vals):
        """How the record is named in an error about ``vals``."""
        if self:
            return ", ".join(self.mapped("display_name"))
        name = vals.get("name") or self._description
        product = vals.get("product_id")
        if "product_id" in self._fields and isinstance(product, int):
            product = self.env["product.product"].browse(product).exists()
            if product:
                return _(
                    "%(record)s (%(product)s)",
                    record=name,
                    product=product.display_name,
                )
        return name

    def _boh_check_numeric_vals(self, vals):
        check_vals_numbers(
            self,
            vals,
            self._boh_numeric_fields,
            LazyLabel(lambda: self._boh_input_label(vals)),
            minimum=0.0,
        )

    def _boh_check_store_active(self):
        fname = self._boh_store_field
        if not fname:
            return
        # sudo: only the active flag and the name of the store are read.
        for record in self.sudo():
            store = record[fname]
            if store and not store.active:
                raise ValidationError(
                    _(
                        "%(record)s: store %(store)s is archived (field %(field)s).",
                        record=record.display_name,
                        store=store.display_name,
                        field=record._fields[fname].string,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._boh_check_numeric_vals(vals)
        records = super().create(vals_list)
        records._boh_check_store_active()
        return records

    def write(self, vals):
        self._boh_check_numeric_vals(vals)
        res = super().write(vals)
        if self._boh_store_field and self._boh_store_field in vals:
            self._boh_check_store_active()
        return res
