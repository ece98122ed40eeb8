from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    boh_store_ids = fields.Many2many(
        "boh.store",
        string="BOH Stores",
        compute="_compute_boh_store_ids",
        help="Stores where the user works (as staff or manager).",
    )

    def _compute_boh_store_ids(self):
        # sudo: the membership of a user is public inside the company; the
        # stores themselves stay filtered by their record rules when opened.
        stores = self.env["boh.store"].sudo().search([("member_ids", "in", self.ids)])
        for user in self:
            user.boh_store_ids = stores.filtered(lambda s, u=user: u in s.member_ids)
