from odoo import api, fields, models


class BohRegion(models.Model):
    """A group of stores supervised by area managers, with a head."""

    _name = "boh.region"
    _description = "BOH Region"
    _parent_name = "parent_id"
    _parent_store = True
    _rec_name = "complete_name"
    _order = "complete_name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, index=True)
    complete_name = fields.Char(
        compute="_compute_complete_name", store=True, recursive=True
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.company, index=True
    )
    parent_id = fields.Many2one("boh.region", index=True, ondelete="restrict")
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("boh.region", "parent_id", string="Sub-regions")
    head_id = fields.Many2one(
        "res.users",
        string="Region Head",
        help="Last level of escalation for the stores of this region.",
    )
    user_ids = fields.Many2many(
        "res.users",
        "boh_region_user_rel",
        "region_id",
        "user_id",
        string="Area Managers",
        help="Area managers and auditors who supervise the stores of this region.",
    )
    all_user_ids = fields.Many2many(
        "res.users",
        "boh_region_all_user_rel",
        "region_id",
        "user_id",
        string="Supervisors",
        compute="_compute_all_user_ids",
        store=True,
        recursive=True,
        help="Area managers and heads of this region and of its parent regions.",
    )
    store_ids = fields.One2many("boh.store", "region_id", string="Stores")
    store_count = fields.Integer(compute="_compute_store_count")

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "The code of a region must be unique per company.",
        ),
    ]

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for region in self:
            if region.parent_id:
                region.complete_name = (
                    f"{region.parent_id.complete_name} / {region.name}"
                )
            else:
                region.complete_name = region.name

    @api.depends("user_ids", "head_id", "parent_id.all_user_ids")
    def _compute_all_user_ids(self):
        for region in self:
            region.all_user_ids = (
                region.user_ids | region.head_id | region.parent_id.all_user_ids
            )

    def _compute_store_count(self):
        counts = dict(
            self.env["boh.store"]._read_group(
                [("region_id", "in", self.ids)], ["region_id"], ["__count"]
            )
        )
        for region in self:
            region.store_count = counts.get(region, 0)

    def action_view_stores(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "boh_base.boh_store_action"
        )
        action["domain"] = [("region_id", "child_of", self.id)]
        action["context"] = {"default_region_id": self.id}
        return action
