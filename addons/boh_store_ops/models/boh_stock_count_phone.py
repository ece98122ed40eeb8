from odoo import _, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.boh_base.services.inputs import check_id, check_number

MAX_BARCODE_LENGTH = 128


def find_guide_product(guide_products, label, product_id=None, barcode=None):
    """The product of ``guide_products`` given by its id or its barcode.

    ``label`` names the record in the errors. An unknown barcode, an id that
    is not an id, or a product outside ``guide_products`` (the order guide of
    the store, so another store's products too) is refused before anything
    is written.
    """
    if barcode not in (None, False, ""):
        if not isinstance(barcode, str) or len(barcode) > MAX_BARCODE_LENGTH:
            raise ValidationError(
                _(
                    "%(record)s: the Barcode must be a text of at most %(max)s"
                    " characters, not %(value)r.",
                    record=label,
                    max=MAX_BARCODE_LENGTH,
                    value=barcode,
                )
            )
        barcode = barcode.strip()
        product = guide_products.filtered(lambda p: p.barcode == barcode)[:1]
        if not product:
            raise UserError(
                _(
                    "%(record)s: no product of the order guide has the Barcode"
                    " %(barcode)s.",
                    record=label,
                    barcode=barcode,
                )
            )
        return product
    product_id = check_id(product_id, label, _("Product"))
    product = guide_products.filtered(lambda p: p.id == product_id)
    if not product:
        raise ValidationError(
            _(
                "%(record)s: the Product %(product)s is not in the order guide of"
                " the store.",
                record=label,
                product=product_id,
            )
        )
    return product


def phone_product_values(product):
    return {
        "product_id": product.id,
        "name": product.display_name,
        "code": product.default_code or "",
        "barcode": product.barcode or "",
        "uom": product.uom_id.name,
    }


class BohStockCount(models.Model):
    """The count sheet on a phone: one call per counted quantity."""

    _inherit = "boh.stock.count"

    def action_open_phone(self):
        self.ensure_one()
        self.check_access("read")
        return {
            "type": "ir.actions.client",
            "tag": "boh_stock_count_phone",
            "name": self.name,
            "params": {"count_id": self.id},
            "context": {"active_id": self.id},
        }

    def _phone_check(self):
        """The caller may change this draft count (its store's record rules)."""
        self.ensure_one()
        self.check_access("write")
        self._check_draft()

    def _phone_label(self):
        return _("Count %(count)s", count=self.name)

    def _phone_line_values(self, line):
        return {
            "id": line.id,
            **phone_product_values(line.product_id),
            "uom": line.product_uom_id.name,
            "qty_counted": line.qty_counted,
        }

    def get_phone_data(self):
        """What the phone screen shows: the sheet in shelf walk order."""
        self.ensure_one()
        self.check_access("read")
        return {
            "id": self.id,
            "name": self.name,
            "store": self.store_id.display_name,
            "date": str(self.date),
            "state": self.state,
            "editable": self.state == "draft" and self.has_access("write"),
            "lines": [self._phone_line_values(line) for line in self.line_ids],
        }

    def _phone_guide_products(self):
        return self._get_guide_lines().product_id

    def _phone_line(self, product_id=None, barcode=None):
        """The line of the product (added if it is in the guide but not yet on
        the sheet)."""
        product = find_guide_product(
            self._phone_guide_products(),
            self._phone_label(),
            product_id=product_id,
            barcode=barcode,
        )
        line = self.line_ids.filtered(lambda line: line.product_id == product)
        if not line:
            line = self.env["boh.stock.count.line"].create(
                {"count_id": self.id, "product_id": product.id}
            )
        return line

    def action_phone_find_product(self, barcode):
        """The line of the product with this barcode, for the scanner."""
        self._phone_check()
        return self._phone_line_values(self._phone_line(barcode=barcode))

    def action_phone_set_count_line(self, qty, product_id=None, barcode=None):
        """Set the counted quantity of a product, given by id or barcode."""
        self._phone_check()
        line_label = self._phone_label()
        qty = check_number(
            qty,
            line_label,
            self.env["boh.stock.count.line"]
            ._fields["qty_counted"]
            ._description_string(self.env),
            minimum=0.0,
            allow_empty=False,
        )
        line = self._phone_line(product_id=product_id, barcode=barcode)
        line.qty_counted = qty
        return self._phone_line_values(line)
