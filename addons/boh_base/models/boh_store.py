from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.base.models.res_partner import _tz_get


class BohStore(models.Model):
    """A site of the chain: a store, the central warehouse or a central kitchen.

    Each site *is* an Odoo warehouse (delegation inheritance): its stock, its
    locations, routes and operation types are the warehouse's, and everything
    BOH adds (region, people, opening hours, position) lives here.  Records of
    other BOH addons that belong to a site point to ``boh.store`` and are
    filtered by ``member_ids`` (people of the site) and ``supervisor_ids``
    (area managers of its region) in their record rules.
    """

    _name = "boh.store"
    _description = "BOH Store"
    _inherits = {"stock.warehouse": "warehouse_id"}
    _inherit = ["mail.thread", "mail.activity.mixin", "boh.guard.mixin"]
    _order = "sequence, code"
    _rec_names_search = ["code", "name"]

    # Who belongs where decides who sees what, and the position is what the
    # inspection's GPS check compares with: only BOH administrators change it.
    _boh_admin_fields = frozenset(
        {
            "warehouse_id",
            "store_type",
            "active",
            "region_id",
            "manager_id",
            "area_manager_id",
            "user_ids",
            "company_id",
            "code",
            "latitude",
            "longitude",
        }
    )

    warehouse_id = fields.Many2one(
        "stock.warehouse", required=True, ondelete="cascade", index=True
    )
    store_type = fields.Selection(
        [
            ("store", "Store"),
            ("warehouse", "Central Warehouse"),
            ("kitchen", "Central Kitchen"),
        ],
        default="store",
        required=True,
        tracking=True,
    )
    active = fields.Boolean(default=True, tracking=True)
    region_id = fields.Many2one("boh.region", index=True, tracking=True)
    manager_id = fields.Many2one("res.users", string="Store Manager", tracking=True)
    area_manager_id = fields.Many2one("res.users", string="Area Manager", tracking=True)
    user_ids = fields.Many2many(
        "res.users", "boh_store_user_rel", "store_id", "user_id", string="Staff"
    )
    member_ids = fields.Many2many(
        "res.users",
        "boh_store_member_rel",
        "store_id",
        "user_id",
        string="Members",
        compute="_compute_member_ids",
        store=True,
        help="Staff and manager of the site: they see its records.",
    )
    supervisor_ids = fields.Many2many(
        "res.users",
        "boh_store_supervisor_rel",
        "store_id",
        "user_id",
        string="Supervisors",
        compute="_compute_supervisor_ids",
        store=True,
        help="Area manager of the site and supervisors of its region.",
    )
    resource_calendar_id = fields.Many2one(
        "resource.calendar",
        string="Opening Hours",
        default=lambda self: self.env.company.resource_calendar_id,
    )
    tz = fields.Selection(
        _tz_get,
        string="Timezone",
        default=lambda self: self.env.context.get("tz") or self.env.user.tz or "UTC",
        required=True,
    )
    latitude = fields.Float(digits=(10, 7))
    longitude = fields.Float(digits=(10, 7))
    phone = fields.Char()
    stock_location_id = fields.Many2one(
        related="warehouse_id.lot_stock_id", string="Stock Location"
    )

    @api.depends("user_ids", "manager_id")
    def _compute_member_ids(self):
        for store in self:
            store.member_ids = store.user_ids | store.manager_id

    @api.depends("area_manager_id", "region_id.all_user_ids")
    def _compute_supervisor_ids(self):
        for store in self:
            store.supervisor_ids = store.area_manager_id | store.region_id.all_user_ids

    @api.constrains("latitude", "longitude")
    def _check_coordinates(self):
        for store in self:
            if not -90 <= store.latitude <= 90:
                raise ValidationError(
                    _(
                        "Store %(store)s: the latitude must be between -90 and 90.",
                        store=store.display_name,
                    )
                )
            if not -180 <= store.longitude <= 180:
                raise ValidationError(
                    _(
                        "Store %(store)s: the longitude must be between -180 and 180.",
                        store=store.display_name,
                    )
                )

    @api.depends("name", "code")
    def _compute_display_name(self):
        for store in self:
            store.display_name = (
                f"[{store.code}] {store.name}" if store.code else store.name
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_keep_warehouse_history(self):
        for store in self:
            if store.store_type != "store":
                continue
            moves = self.env["stock.move"].search_count(
                [("warehouse_id", "=", store.warehouse_id.id)], limit=1
            )
            if moves:
                raise ValidationError(
                    _(
                        "Store %(store)s has stock history: archive it instead of"
                        " deleting it.",
                        store=store.display_name,
                    )
                )

    def action_view_stock(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "stock.dashboard_open_quants"
        )
        action["domain"] = [("location_id", "child_of", self.lot_stock_id.id)]
        action["context"] = {"search_default_internal_loc": 1}
        return action

    @api.model
    def _get_user_stores(self, user=None):
        """Stores where ``user`` (default: current user) works, for defaults."""
        user = user or self.env.user
        return self.search(
            [("member_ids", "in", user.id), ("store_type", "=", "store")]
        )
