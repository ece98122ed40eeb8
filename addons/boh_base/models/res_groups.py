from odoo import fields, models


class ResGroups(models.Model):
    _inherit = "res.groups"

    boh_home_action_id = fields.Many2one(
        "ir.actions.act_window",
        string="BOH Home",
        help="Where users of this BOH role land after logging in.",
    )

    def write(self, vals):
        res = super().write(vals)
        if vals.get("users") or vals.get("implied_ids"):
            # Odoo adds implied groups to users in SQL (an app installed later
            # may make a group imply its own): BOH roles keep only their own.
            users = self.users | self.env["res.users"].search(
                [("groups_id", "in", self.ids)]
            )
            users._boh_sync_role_groups()
        if "boh_home_action_id" in vals:
            self.users._boh_sync_home_action()
        return res
