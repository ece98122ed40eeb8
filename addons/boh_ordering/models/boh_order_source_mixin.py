from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

SOURCE_TYPES = [
    ("central_warehouse", "Central Warehouse"),
    ("central_kitchen", "Central Kitchen"),
    ("supplier", "Supplier"),
]
# The type of site each internal source must be.
SITE_TYPES = {"central_warehouse": "warehouse", "central_kitchen": "kitchen"}


class BohOrderSourceMixin(models.AbstractModel):
    """Where goods are ordered from: a supplier, or a central site.

    One rule for store orders, order guide lines and order schedules: a
    supplier source names the supplier, a central warehouse source a site
    of type warehouse, a central kitchen source a site of type kitchen.
    The models name the record in errors with ``_boh_record_label``.
    """

    _name = "boh.order.source.mixin"
    _description = "BOH Order Source"

    source_type = fields.Selection(
        SOURCE_TYPES, required=True, default="central_warehouse"
    )
    source_store_id = fields.Many2one(
        "boh.store",
        string="Source Site",
        domain="[('store_type', 'in', ('warehouse', 'kitchen'))]",
    )
    partner_id = fields.Many2one("res.partner", string="Supplier")

    def _boh_record_label(self):
        self.ensure_one()
        return self.display_name

    @api.constrains("source_type", "source_store_id", "partner_id")
    def _check_source(self):
        # sudo: store people may not read the central sites (boh_base rules);
        # only their type and name are read, to name them in the error.
        for record in self.sudo():
            site = record.source_store_id
            if record.source_type == "supplier":
                if not record.partner_id:
                    raise ValidationError(
                        _(
                            "%(record)s: a supplier source needs a supplier (field"
                            " Supplier).",
                            record=record._boh_record_label(),
                        )
                    )
            elif not site:
                raise ValidationError(
                    _(
                        "%(record)s: choose the central site that supplies it"
                        " (field Source Site).",
                        record=record._boh_record_label(),
                    )
                )
            elif record.source_type == "central_warehouse" and (
                site.store_type != SITE_TYPES["central_warehouse"]
            ):
                raise ValidationError(
                    _(
                        "%(record)s: %(site)s is not a central warehouse (field"
                        " Source Site).",
                        record=record._boh_record_label(),
                        site=site.display_name,
                    )
                )
            elif record.source_type == "central_kitchen" and (
                site.store_type != SITE_TYPES["central_kitchen"]
            ):
                raise ValidationError(
                    _(
                        "%(record)s: %(site)s is not a central kitchen (field"
                        " Source Site).",
                        record=record._boh_record_label(),
                        site=site.display_name,
                    )
                )
