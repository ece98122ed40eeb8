import base64
import io

from PIL import Image

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools.image import image_process

from odoo.addons.boh_base.services.inputs import check_id, check_number

from .boh_stock_count_phone import find_guide_product, phone_product_values

WASTE_REASONS = [
    ("expired", "Expired"),
    ("damaged", "Damaged"),
    ("overproduction", "Overproduction"),
    ("quality", "Quality"),
]
# Photos of the phone screen: resized like the inspection photos.
MAX_PHOTO_BYTES = 15 * 1024 * 1024
MAX_PHOTO_SIDE = 1920
MAX_NOTE_LENGTH = 2000
PHONE_KEYS = frozenset(
    {"store_id", "product_id", "barcode", "quantity", "reason", "note", "photo"}
)


class BohWaste(models.Model):
    """One waste entry of a store: a product thrown away, with its reason.

    Posting it validates a ``stock.scrap`` from the store's stock location, and
    freezes its value (quantity x product cost) for the waste reports.
    """

    _name = "boh.waste"
    _description = "BOH Waste"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "boh.store.document.mixin",
        "boh.product.line.mixin",
        "boh.input.mixin",
        "boh.guard.mixin",
    ]
    _boh_sequence_code = "boh.waste"
    _boh_state_errors = {
        "unlink": lambda env, **args: env._(
            "Waste %(name)s is posted and cannot be deleted.", **args
        ),
        "post": lambda env, **args: env._(
            "Waste %(name)s is not a draft any more.", **args
        ),
        "cancel": lambda env, **args: env._(
            "Waste %(name)s is posted: it cannot be cancelled.", **args
        ),
    }
    _boh_numeric_fields = ("quantity",)
    # Posting (which scraps the goods) sets these; never written directly.
    _boh_workflow_fields = frozenset({"state", "scrap_id"})
    _boh_create_only_fields = frozenset({"store_id"})
    _order = "date desc, id desc"

    date = fields.Date(
        required=True, default=fields.Date.context_today, index=True, tracking=True
    )
    user_id = fields.Many2one(
        "res.users", string="Logged By", default=lambda self: self.env.user
    )
    product_id = fields.Many2one(tracking=True, domain="[('is_storable', '=', True)]")
    product_categ_id = fields.Many2one(
        related="product_id.categ_id", store=True, string="Product Category"
    )
    quantity = fields.Float(
        digits="Product Unit of Measure", required=True, default=1.0, tracking=True
    )
    reason = fields.Selection(WASTE_REASONS, required=True, index=True, tracking=True)
    note = fields.Text()
    unit_cost = fields.Float(
        digits="Product Price",
        compute="_compute_unit_cost",
        store=True,
        readonly=False,
        precompute=True,
        help="Cost of one unit of measure of the product; frozen when posted.",
    )
    amount = fields.Monetary(
        string="Value", compute="_compute_amount", store=True, aggregator="sum"
    )
    state = fields.Selection(
        [("draft", "Draft"), ("done", "Posted"), ("cancel", "Cancelled")],
        default="draft",
        required=True,
        index=True,
        tracking=True,
        copy=False,
    )
    scrap_id = fields.Many2one("stock.scrap", readonly=True, copy=False)

    @api.depends("product_id")
    def _compute_unit_cost(self):
        for waste in self:
            waste.unit_cost = waste._get_product_cost()

    @api.depends("quantity", "product_uom_id", "unit_cost")
    def _compute_amount(self):
        for waste in self:
            waste.amount = waste._get_product_qty() * waste.unit_cost

    def _get_product_qty(self):
        """The quantity in the product's own unit (the unit of its cost)."""
        self.ensure_one()
        if not self.product_uom_id or not self.product_id:
            return self.quantity
        return self.product_uom_id._compute_quantity(
            self.quantity, self.product_id.uom_id, round=False
        )

    def _get_product_cost(self):
        self.ensure_one()
        product = self.product_id.with_company(self.company_id or self.env.company)
        return product.standard_price

    @api.constrains("quantity")
    def _check_quantity(self):
        for waste in self:
            if waste.quantity <= 0:
                raise ValidationError(
                    _(
                        "%(record)s: the Quantity must be positive.",
                        record=waste._boh_record_label(),
                    )
                )

    def _boh_record_label(self):
        self.ensure_one()
        return _(
            "Waste %(waste)s (%(product)s)",
            waste=self.name,
            product=self.product_id.display_name,
        )

    def write(self, vals):
        frozen = {"product_id", "product_uom_id", "quantity", "unit_cost", "store_id"}
        if frozen.intersection(vals) and any(w.state == "done" for w in self):
            raise UserError(
                _(
                    "Waste %(waste)s is posted: its product, quantity and value"
                    " cannot change.",
                    waste=", ".join(
                        self.filtered(lambda w: w.state == "done").mapped("name")
                    ),
                )
            )
        return super().write(vals)

    def _prepare_scrap_values(self):
        self.ensure_one()
        return {
            "product_id": self.product_id.id,
            "product_uom_id": self.product_uom_id.id,
            "scrap_qty": self.quantity,
            "location_id": self.store_id.lot_stock_id.id,
            "company_id": self.company_id.id,
            "origin": self.name,
        }

    def action_post(self):
        """Scrap the wasted quantities from the store's stock location."""
        self._check_state(("draft",), "post")
        # Store staff have no stock rights: they may log the waste of their own
        # store (checked just below through the record rules of boh.waste), and
        # the scrap only moves goods out of that store's stock location.
        self.check_access("write")
        Scrap = self.env["stock.scrap"].sudo()
        for waste in self:
            scrap = Scrap.create(waste._prepare_scrap_values())
            if not scrap.check_available_qty():
                available = (
                    waste.product_id.with_context(location=scrap.location_id.id)
                    .sudo()
                    .qty_available
                )
                raise UserError(
                    _(
                        "Waste %(waste)s (%(product)s): the Quantity %(qty)s %(uom)s"
                        " is more than the %(available)s %(product_uom)s on hand in"
                        " store %(store)s. Count the stock first.",
                        waste=waste.name,
                        product=waste.product_id.display_name,
                        qty=waste.quantity,
                        uom=waste.product_uom_id.name,
                        available=available,
                        product_uom=waste.product_id.uom_id.name,
                        store=waste.store_id.display_name,
                    )
                )
            scrap.action_validate()
            waste._boh_workflow().write(
                {
                    "state": "done",
                    "scrap_id": scrap.id,
                    "unit_cost": waste._get_product_cost(),
                }
            )
        return True

    def action_cancel(self):
        self._check_state(("draft",), "cancel")
        self._boh_workflow().write({"state": "cancel"})
        return True

    def action_draft(self):
        self.filtered(lambda w: w.state == "cancel")._boh_workflow().write(
            {"state": "draft"}
        )
        return True

    # ------------------------------------------------------------ phone screen
    @api.model
    def _phone_stores(self):
        """Stores where the caller logs waste: where they work, and the stores
        their role lets them act for (the record rules decide in the end)."""
        user = self.env.user
        stores = self.env["boh.store"]._get_user_stores()
        if user.has_group("boh_base.group_boh_area_manager"):
            stores |= self.env["boh.store"].search(
                [("supervisor_ids", "in", user.id), ("store_type", "=", "store")]
            )
        return stores

    @api.model
    def _phone_check_store(self, store_id):
        label = _("Waste")
        store = self.env["boh.store"].browse(check_id(store_id, label, _("Store")))
        if store not in self._phone_stores():
            raise AccessError(
                _(
                    "Waste: you do not work in the Store %(store)s, you cannot log"
                    " its waste.",
                    store=store.exists().display_name or store.id,
                )
            )
        return store

    @api.model
    def _phone_guide_products(self, store):
        # sudo: only the products of the order guide of a store the caller works
        # in (checked by _phone_check_store) are read, to list what it stocks.
        return (
            self.env["boh.order.guide.line"]
            .sudo()
            .search(
                [
                    ("guide_id.store_ids", "in", store.ids),
                    ("guide_id.active", "=", True),
                ]
            )
            .product_id.sudo(False)
        )

    @api.model
    def _phone_waste_values(self, waste):
        return {
            "id": waste.id,
            "name": waste.name,
            "product": waste.product_id.display_name,
            "quantity": waste.quantity,
            "uom": waste.product_uom_id.name,
            "reason": dict(self._fields["reason"]._description_selection(self.env)).get(
                waste.reason
            ),
            "state": waste.state,
        }

    @api.model
    def get_phone_data(self):
        """What the waste screen of a phone shows: the caller's stores, the
        reasons, and the waste the caller logged today."""
        self.check_access("create")
        stores = self._phone_stores()
        today = self.search(
            [
                ("user_id", "=", self.env.uid),
                ("date", "=", fields.Date.context_today(self)),
            ],
            limit=20,
        )
        return {
            "stores": [{"id": s.id, "name": s.display_name} for s in stores],
            "reasons": [
                {"value": value, "label": label}
                for value, label in self._fields["reason"]._description_selection(
                    self.env
                )
            ],
            "today": [self._phone_waste_values(w) for w in today],
        }

    @api.model
    def phone_search_products(self, store_id, term=""):
        """The products of the store's order guide matching ``term``."""
        store = self._phone_check_store(store_id)
        if not isinstance(term, str):
            term = ""
        term = term.strip().lower()[:100]
        products = self._phone_guide_products(store)
        if term:
            products = products.filtered(
                lambda p: (
                    term in (p.display_name or "").lower()
                    or term == (p.barcode or "").lower()
                )
            )
        return [phone_product_values(p) for p in products[:30]]

    @api.model
    def phone_find_product(self, store_id, barcode):
        store = self._phone_check_store(store_id)
        product = find_guide_product(
            self._phone_guide_products(store), _("Waste"), barcode=barcode or "?"
        )
        return phone_product_values(product)

    @api.model
    def _phone_photo(self, data, label):
        """The photo (base64) checked and resized, as raw bytes."""
        if not isinstance(data, str):
            raise ValidationError(
                _("%(record)s: the Photo must be an image file.", record=label)
            )
        if len(data) > MAX_PHOTO_BYTES * 4 // 3 + 4:
            raise UserError(
                _(
                    "%(record)s: the Photo is too large (at most %(max)s MB).",
                    record=label,
                    max=MAX_PHOTO_BYTES // 1024 // 1024,
                )
            )
        try:
            raw = base64.b64decode(data, validate=True)
            with Image.open(io.BytesIO(raw)) as img:
                img.verify()
            return image_process(raw, size=(MAX_PHOTO_SIDE, MAX_PHOTO_SIDE))
        except Exception as exc:  # base64, Pillow and image_process errors alike
            raise ValidationError(
                _("%(record)s: the Photo is not an image file.", record=label)
            ) from exc

    @api.model
    def action_phone_log_waste(self, vals):
        """Log (and post) a waste from the phone screen.

        ``vals``: store_id, product_id or barcode, quantity, reason, note and
        photo (base64, optional). Every value is checked before anything is
        written. The waste is posted when the store has the goods on hand;
        otherwise it stays a draft and the answer says why.
        """
        label = _("Waste")
        if not isinstance(vals, dict) or set(vals) - PHONE_KEYS:
            raise ValidationError(
                _(
                    "%(record)s: unknown values %(keys)s.",
                    record=label,
                    keys=sorted(set(vals) - PHONE_KEYS)
                    if isinstance(vals, dict)
                    else vals,
                )
            )
        self.check_access("create")
        store = self._phone_check_store(vals.get("store_id"))
        product = find_guide_product(
            self._phone_guide_products(store),
            label,
            product_id=vals.get("product_id"),
            barcode=vals.get("barcode"),
        )
        quantity = check_number(
            vals.get("quantity"),
            label,
            self._fields["quantity"]._description_string(self.env),
            minimum=0.0,
            allow_empty=False,
        )
        if quantity <= 0:
            raise ValidationError(
                _("%(record)s: the Quantity must be positive.", record=label)
            )
        reason = vals.get("reason")
        reasons = dict(self._fields["reason"]._description_selection(self.env))
        if not isinstance(reason, str) or reason not in reasons:
            raise ValidationError(
                _(
                    "%(record)s: the Reason must be one of %(reasons)s, not %(value)r.",
                    record=label,
                    reasons=", ".join(reasons.values()),
                    value=reason,
                )
            )
        note = vals.get("note") or False
        if note is not False and (
            not isinstance(note, str) or len(note) > MAX_NOTE_LENGTH
        ):
            raise ValidationError(
                _(
                    "%(record)s: the Note must be a text of at most %(max)s"
                    " characters.",
                    record=label,
                    max=MAX_NOTE_LENGTH,
                )
            )
        photo = vals.get("photo")
        raw_photo = self._phone_photo(photo, label) if photo else None
        waste = self.create(
            {
                "store_id": store.id,
                "product_id": product.id,
                "quantity": quantity,
                "reason": reason,
                "note": note,
            }
        )
        if raw_photo:
            self.env["ir.attachment"].create(
                {
                    "name": _("Waste %(waste)s.jpg", waste=waste.name),
                    "raw": raw_photo,
                    "res_model": self._name,
                    "res_id": waste.id,
                }
            )
        warning = False
        try:
            with self.env.cr.savepoint():
                waste.action_post()
        except UserError as exc:
            # Not enough on hand (the count is behind): the waste is kept as a
            # draft, to post once the stock is counted.
            warning = exc.args[0]
            waste.invalidate_recordset()
        return {**self._phone_waste_values(waste), "warning": warning}
